"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { RegionPicker } from "@/components/volunteers/RegionPicker";
import { DEMAND_CATEGORIES, REQUESTER_TYPES } from "@/lib/dispatch/categories";

const input = "mt-1 block w-full rounded-md border-gray-300 text-base shadow-sm focus:border-red-600 focus:ring-red-600 sm:text-sm";

/**
 * 点单: the phone-first form of the public /request page, and the staff form for needs received by
 * phone (mode "staff": the region picker starts at the user's scope and the need opens on the
 * board). Posts JSON to /api/v1/demands; field errors come back in Chinese, naming the field.
 */
export function RequestForm({ mode, root }: { mode: "public" | "staff"; root: string }) {
  const t = useTranslations("dispatch");
  const router = useRouter();
  const [community, setCommunity] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ messages: string[]; fields: string[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [lat, setLat] = useState("");
  const [lng, setLng] = useState("");

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const body: Record<string, unknown> = {
      category: fd.get("category") || undefined,
      requesterType: fd.get("requesterType") || "individual",
      description: fd.get("description"),
      communityCode: community || undefined,
      address: fd.get("address"),
      contactName: fd.get("contactName"),
      contactPhone: fd.get("contactPhone"),
      preferredTime: fd.get("preferredTime") || null,
      lat: lat ? Number(lat) : null,
      lng: lng ? Number(lng) : null,
    };
    if (mode === "staff") body.openForGrab = fd.get("openForGrab") === "on";
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/v1/demands", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const j = (await res.json().catch(() => ({}))) as { reference?: string; id?: number; message?: string; fields?: string[]; issues?: { field: string; message: string }[] };
      if (!res.ok) {
        // one line per field, in the words of the server (Chinese), without the API's field prefix
        const messages = j.issues?.length ? [...new Set(j.issues.map((i) => i.message))] : [j.message ?? t("request.failed")];
        setError({ messages, fields: j.fields ?? [] });
        return;
      }
      if (mode === "staff" && j.id) {
        router.push(`/dispatch/${j.id}`);
        return;
      }
      setDone(j.reference ?? null);
    } catch {
      setError({ messages: [t("request.failed")], fields: [] });
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="space-y-3 text-center" data-testid="request-done">
        <p className="text-gray-700">{t("request.success")}</p>
        <p className="text-2xl font-bold tracking-wide text-red-700" data-testid="request-reference">
          {done}
        </p>
        <p className="text-sm text-gray-600">{t("request.keep")}</p>
        <div className="flex justify-center gap-3">
          <Link href={`/request/follow?ref=${done}`} className="rounded-md bg-red-700 px-4 py-2 text-white" data-testid="request-follow-link">
            {t("request.follow")}
          </Link>
          <button type="button" className="rounded-md border px-4 py-2" onClick={() => setDone(null)}>
            {t("request.another")}
          </button>
        </div>
      </div>
    );
  }

  const bad = (f: string) => !!error?.fields.some((x) => x === f);
  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="request-form">
      <fieldset>
        <legend className="text-sm font-medium text-gray-700">{t("request.category")}</legend>
        <div className="mt-1 grid grid-cols-4 gap-2 sm:grid-cols-7">
          {DEMAND_CATEGORIES.map((c) => (
            <label key={c} className="flex cursor-pointer items-center justify-center rounded-md border px-2 py-2 text-sm has-[:checked]:border-red-700 has-[:checked]:bg-red-50">
              <input type="radio" name="category" value={c} className="sr-only" data-testid={`request-category-${c}`} />
              {t(`categories.${c}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-gray-700">{t("request.requesterType")}</legend>
        <div className="mt-1 grid grid-cols-3 gap-2">
          {REQUESTER_TYPES.map((r) => (
            <label key={r} className="flex cursor-pointer items-center justify-center rounded-md border px-2 py-2 text-sm has-[:checked]:border-red-700 has-[:checked]:bg-red-50">
              <input type="radio" name="requesterType" value={r} defaultChecked={r === "individual"} className="sr-only" data-testid={`request-requester-${r}`} />
              {t(`requesterTypes.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-sm text-gray-700">
        {t("request.description")}
        <textarea name="description" rows={3} maxLength={500} placeholder={t("request.descriptionHint")} className={input} aria-invalid={bad("description") || undefined} data-testid="request-description" />
      </label>
      <div>
        <p className="text-sm text-gray-700">{t("request.community")}</p>
        <RegionPicker root={root} name="communityCode" requireCommunity onChange={(c) => setCommunity(c.length === 12 ? c : "")} invalid={bad("communityCode")} testId="request-region" />
      </div>
      <label className="block text-sm text-gray-700">
        {t("request.address")}
        <input name="address" maxLength={200} className={input} aria-invalid={bad("address") || undefined} data-testid="request-address" />
      </label>
      <label className="block text-sm text-gray-700">
        {t("request.preferredTime")}
        <input type="datetime-local" name="preferredTime" className={input} data-testid="request-preferred" />
      </label>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <label className="block text-sm text-gray-700">
          {t("request.contactName")}
          <input name="contactName" maxLength={40} autoComplete="name" className={input} aria-invalid={bad("contactName") || undefined} data-testid="request-contact-name" />
        </label>
        <label className="block text-sm text-gray-700">
          {t("request.contactPhone")}
          <input name="contactPhone" inputMode="tel" maxLength={11} autoComplete="tel" className={input} aria-invalid={bad("contactPhone") || undefined} data-testid="request-contact-phone" />
        </label>
      </div>
      <fieldset className="rounded-md border border-gray-200 p-3">
        <legend className="px-1 text-sm text-gray-700">{t("request.pin")}</legend>
        <div className="grid grid-cols-2 gap-2">
          <label className="text-xs text-gray-600">
            {t("request.lat")}
            <input value={lat} onChange={(e) => setLat(e.target.value)} inputMode="decimal" className={input} data-testid="request-lat" />
          </label>
          <label className="text-xs text-gray-600">
            {t("request.lng")}
            <input value={lng} onChange={(e) => setLng(e.target.value)} inputMode="decimal" className={input} data-testid="request-lng" />
          </label>
        </div>
        <button
          type="button"
          className="mt-2 text-sm text-red-700 underline"
          onClick={() =>
            navigator.geolocation?.getCurrentPosition((p) => {
              setLat(p.coords.latitude.toFixed(6));
              setLng(p.coords.longitude.toFixed(6));
            })
          }
        >
          {t("request.locate")}
        </button>
      </fieldset>
      {mode === "staff" && (
        <label className="flex items-center gap-2 text-sm text-gray-700">
          <input type="checkbox" name="openForGrab" data-testid="request-open-grab" />
          {t("request.openForGrab")}
        </label>
      )}
      {error && (
        <ul role="alert" className="list-inside list-disc rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="request-error">
          {error.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <button type="submit" disabled={busy} className="w-full rounded-md bg-red-700 px-4 py-3 text-base font-semibold text-white disabled:opacity-60" data-testid="request-submit">
        {busy ? t("request.submitting") : t("request.submit")}
      </button>
    </form>
  );
}
