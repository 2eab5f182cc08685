"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { markAllRead, openNotification } from "@/lib/db/notifications";
import { anySignedIn } from "@/lib/domain/actor";
import { createAction } from "@/lib/server/action";
import { notificationIdSchema } from "@/lib/validation/comments";

export const markAllNotificationsReadAction = createAction({
  name: "markAllNotificationsRead",
  input: z.object({}),
  authorize: anySignedIn,
  run: async (_input, { actor }) => {
    const count = await markAllRead(actor);
    revalidatePath("/", "layout");
    return { count };
  },
});

/**
 * Following a notification: marks it read, then goes where it leads. The destination is worked
 * out on the server from the notification itself, never taken from the form.
 */
export const openNotificationAction = createAction({
  name: "openNotification",
  input: notificationIdSchema,
  authorize: anySignedIn,
  run: async ({ notificationId }, { actor }) => {
    const opened = await openNotification(actor, notificationId);
    revalidatePath("/", "layout");
    redirect(opened?.href ?? "/notifications");
  },
});
