"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { isLocale, LOCALE_COOKIE } from "./config";

/**
 * Switches the UI language. Public on purpose (the login page has the switch too): it only sets the
 * caller's own preference cookie to one of the known locales and touches no data.
 */
export async function setLocale(formData: FormData): Promise<void> {
  const v = formData.get("locale");
  if (!isLocale(v)) return;
  (await cookies()).set(LOCALE_COOKIE, v, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  revalidatePath("/", "layout");
}
