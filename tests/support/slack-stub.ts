// The Slack stand-in lives with the scripts (the end-to-end server runs it too): scripts/slack-stub.mjs.
export { startSlackStub, type SlackCall } from "@/scripts/slack-stub.mjs";
