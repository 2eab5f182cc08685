import "server-only";
import pino from "pino";
import { env } from "./env";

// Structured JSON logs. Story text, passwords, tokens and cookies never reach them: the
// redaction list below is a second line of defence behind not logging inputs at all.
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { app: "ripple" },
  redact: {
    paths: [
      "password",
      "*.password",
      "secret",
      "*.secret",
      "token",
      "*.token",
      "cookie",
      "*.cookie",
      "authorization",
      "*.authorization",
      "narrative",
      "*.narrative",
      "title",
      "*.title",
      "body",
      "*.body",
      "what",
      "*.what",
    ],
    censor: "[redacted]",
  },
});
