"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { RegionPicker } from "@/components/volunteers/RegionPicker";
import { PROJECT_STATUSES } from "@/lib/projects/rules";
import { SECTOR_KEYS } from "@/lib/volunteers/rules";

export interface ProjectFormValues {
  name: string;
  sector: string;
  regionCode: string;
  organizationId: number | "";
  partnerId: number | "";
  startDate: string;
  endDate: string;
  status: string;
  description: string;
}

/** Create (POST /api/v1/projects) or edit (PATCH /api/v1/projects/{id}, with the row's fingerprint). */
export function ProjectForm({
  id,
  fingerprint,
  initial,
  root,
  orgs,
  partners,
}: {
  id?: number;
  fingerprint?: string;
  initial: ProjectFormValues;
  root: string;
  orgs: { id: number; name: string }[];
  partners: { id: number; name: string }[];
}) {
  const t = useTranslations("volunteers.projects");
  const ts = useTranslations("cockpit.sectors");
  const tst = useTranslations("volunteers.projectStatus");
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const body = Object.fromEntries(["name", "sector", "regionCode", "organizationId", "partnerId", "startDate", "endDate", "status", "description"].map((k) => [k, String(fd.get(k) ?? "")]));
    setPending(true);
    setBanner(null);
    try {
      const res = await fetch(id ? `/api/v1/projects/${id}` : "/api/v1/projects", {
        method: id ? "PATCH" : "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(id ? { ...body, fingerprint } : body),
      });
      const json = (await res.json().catch(() => ({}))) as { id?: number; message?: string; errors?: { field: string; message: string }[] };
      if (res.ok && json.id) {
        setErrors({});
        router.push(`/organizations/projects/${json.id}?saved=1`);
        router.refresh();
        return;
      }
      const fe: Record<string, string> = {};
      for (const x of json.errors ?? []) fe[x.field] ??= x.message;
      setErrors(fe);
      setBanner(json.message ?? String(res.status));
    } catch {
      setBanner("网络错误，请稍后重试");
    } finally {
      setPending(false);
    }
  }

  const cls = (f: string) => `mt-1 block w-full rounded-md text-sm shadow-sm focus:border-red-600 focus:ring-red-600 ${errors[f] ? "border-red-600" : "border-gray-300"}`;
  const err = (f: string) =>
    errors[f] ? (
      <p id={`p-${f}-error`} className="mt-1 text-sm text-red-700" data-testid={`project-error-${f}`}>
        {errors[f]}
      </p>
    ) : null;
  const aria = (f: string) => ({ "aria-invalid": errors[f] ? true : undefined, "aria-describedby": errors[f] ? `p-${f}-error` : undefined });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="project-form">
      {banner && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-testid="project-banner">
          {banner}
        </p>
      )}
      <div>
        <label htmlFor="p-name" className="block text-sm font-medium text-gray-700">
          {t("name")}
        </label>
        <input id="p-name" name="name" defaultValue={initial.name} className={cls("name")} data-testid="project-name" {...aria("name")} />
        {err("name")}
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="p-sector" className="block text-sm font-medium text-gray-700">
            {t("sector")}
          </label>
          <select id="p-sector" name="sector" defaultValue={initial.sector} className={cls("sector")} data-testid="project-sector" {...aria("sector")}>
            <option value="">—</option>
            {SECTOR_KEYS.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
          {err("sector")}
        </div>
        <div>
          <label htmlFor="p-status" className="block text-sm font-medium text-gray-700">
            {t("status")}
          </label>
          <select id="p-status" name="status" defaultValue={initial.status} className={cls("status")} data-testid="project-status" {...aria("status")}>
            {PROJECT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tst(s)}
              </option>
            ))}
          </select>
          {err("status")}
        </div>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-gray-700">{t("region")}</legend>
        <RegionPicker root={root} name="regionCode" value={initial.regionCode} requireCommunity invalid={!!errors.regionCode} testId="project-region" />
        {err("regionCode")}
      </fieldset>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="p-org" className="block text-sm font-medium text-gray-700">
            {t("organization")}
          </label>
          <select id="p-org" name="organizationId" defaultValue={initial.organizationId} className={cls("organizationId")} data-testid="project-org" {...aria("organizationId")}>
            <option value="">{t("chooseOrg")}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {err("organizationId")}
        </div>
        <div>
          <label htmlFor="p-partner" className="block text-sm font-medium text-gray-700">
            {t("partner")}
          </label>
          <select id="p-partner" name="partnerId" defaultValue={initial.partnerId} className={cls("partnerId")} data-testid="project-partner" {...aria("partnerId")}>
            <option value="">{t("noPartner")}</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err("partnerId")}
        </div>
        <div>
          <label htmlFor="p-start" className="block text-sm font-medium text-gray-700">
            {t("startDate")}
          </label>
          <input id="p-start" name="startDate" type="date" defaultValue={initial.startDate} className={cls("startDate")} data-testid="project-start" {...aria("startDate")} />
          {err("startDate")}
        </div>
        <div>
          <label htmlFor="p-end" className="block text-sm font-medium text-gray-700">
            {t("endDate")}
          </label>
          <input id="p-end" name="endDate" type="date" defaultValue={initial.endDate} className={cls("endDate")} data-testid="project-end" {...aria("endDate")} />
          {err("endDate")}
        </div>
      </div>
      <div>
        <label htmlFor="p-desc" className="block text-sm font-medium text-gray-700">
          {t("description")}
        </label>
        <textarea id="p-desc" name="description" rows={3} defaultValue={initial.description} className={cls("description")} data-testid="project-description" {...aria("description")} />
        {err("description")}
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60" data-testid="project-save">
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
