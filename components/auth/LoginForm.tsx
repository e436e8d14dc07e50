"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { safeCallbackPath } from "@/lib/auth/rules";

/**
 * Account + password (+ dynamic code for accounts with a second factor) form. One step, so the
 * server never tells whether the password alone was right. The server's message is shown as is.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  const ts = useTranslations("security.login");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const username = String(fd.get("username") ?? "").trim();
    const password = String(fd.get("password") ?? "");
    const otp = String(fd.get("otp") ?? "").trim();
    if (!username || !password) {
      setError(t("required"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { username, password, otp, redirect: false });
      if (!res || res.error) {
        setError(res?.error && res.error !== "CredentialsSignin" ? res.error : t("failed"));
        setPending(false);
        return;
      }
      window.location.assign(safeCallbackPath(callbackUrl));
    } catch {
      setError(t("network"));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="login-form">
      <div>
        <label htmlFor="username" className="block text-sm font-medium text-gray-700">
          {t("username")}
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          className="mt-1 block w-full rounded-md border-gray-300 shadow-sm focus:border-red-600 focus:ring-red-600"
          data-testid="login-username"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-gray-700">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-md border-gray-300 shadow-sm focus:border-red-600 focus:ring-red-600"
          data-testid="login-password"
        />
      </div>
      <div>
        <label htmlFor="otp" className="block text-sm font-medium text-gray-700">
          {ts("otp")}
        </label>
        <input
          id="otp"
          name="otp"
          inputMode="text"
          autoComplete="one-time-code"
          aria-describedby="otp-hint"
          className="mt-1 block w-full rounded-md border-gray-300 shadow-sm focus:border-red-600 focus:ring-red-600"
          data-testid="login-otp"
        />
        <p id="otp-hint" className="mt-1 text-xs text-gray-500">
          {ts("otpHint")}
        </p>
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="login-error">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 focus:outline-none focus:ring-2 focus:ring-red-600 focus:ring-offset-2 disabled:opacity-60"
        data-testid="login-submit"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
