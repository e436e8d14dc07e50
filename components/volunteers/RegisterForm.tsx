"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { validateRegistration } from "@/lib/volunteers/registration";
import { parseIdCard, SECTOR_KEYS } from "@/lib/volunteers/rules";
import { RegionPicker } from "./RegionPicker";

type Errors = Record<string, string>;

interface Result {
  id?: number;
  volunteerNo: string;
}

/**
 * The registration form, for staff (POST /api/v1/volunteers) and for the public /join page
 * (POST /api/v1/join). The browser runs the same validation as the server before sending; the
 * server's answer (field errors, duplicate, rate limit) is shown next to the field or on top.
 */
export function RegisterForm({
  mode,
  root,
  today,
  fixedOrg,
}: {
  mode: "staff" | "public";
  /** Region code the community picker starts from (the user's scope; the city on /join). */
  root: string;
  today: string;
  /** An org admin registers into their own organization. */
  fixedOrg?: { id: number; name: string } | null;
}) {
  const t = useTranslations("volunteers");
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<{ text: string; link?: number | null } | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<Result | null>(null);
  const [gender, setGender] = useState("");
  const [birth, setBirth] = useState("");
  const [community, setCommunity] = useState(root.length === 12 ? root : "");
  const [street, setStreet] = useState(root.length >= 9 ? root.slice(0, 9) : "");
  const [orgsByStreet, setOrgsByStreet] = useState<Record<string, { id: number; name: string }[]>>({});
  const [formKey, setFormKey] = useState(0);
  const orgs = fixedOrg || street.length !== 9 ? [] : (orgsByStreet[street] ?? []);

  useEffect(() => {
    if (fixedOrg || street.length !== 9) return;
    let live = true;
    fetch(`/api/v1/join/organizations?street=${street}`)
      .then((r) => (r.ok ? r.json() : []))
      .then((o: { id: number; name: string }[]) => live && setOrgsByStreet((cur) => ({ ...cur, [street]: o })))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [street, fixedOrg]);

  function onId(v: string) {
    const r = parseIdCard(v.replace(/\s/g, ""));
    if (r.ok) {
      setGender(r.gender);
      setBirth(r.birthDate);
    }
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const body = {
      name: String(fd.get("name") ?? ""),
      idCard: String(fd.get("idCard") ?? ""),
      phone: String(fd.get("phone") ?? ""),
      gender: String(fd.get("gender") ?? ""),
      birthDate: String(fd.get("birthDate") ?? ""),
      communityCode: String(fd.get("communityCode") ?? ""),
      organizationIds: fixedOrg ? [fixedOrg.id] : fd.get("organizationId") ? [Number(fd.get("organizationId"))] : [],
      skills: String(fd.get("skills") ?? ""),
      sectorIntentions: fd.getAll("sectorIntentions").map(String),
    };
    const local: Errors = {};
    const v = validateRegistration(body, today);
    if (!v.ok) for (const x of v.errors) local[x.field] ??= x.message;
    if (!fd.get("consent")) local.consent = t("form.consentRequired");
    setBanner(null);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const res = await fetch(mode === "staff" ? "/api/v1/volunteers" : "/api/v1/join", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await res.json().catch(() => ({}))) as { id?: number; volunteerNo?: string; message?: string; errors?: { field: string; message: string }[]; duplicate?: { volunteerId: number | null } | null };
      if (res.ok && json.volunteerNo) {
        setDone({ id: json.id, volunteerNo: json.volunteerNo });
        return;
      }
      if (json.errors?.length) {
        const fe: Errors = {};
        for (const x of json.errors) fe[x.field] ??= x.message;
        setErrors(fe);
      }
      setBanner({ text: json.message ?? t("form.network"), link: json.duplicate?.volunteerId ?? null });
    } catch {
      setBanner({ text: t("form.network") });
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div className="rounded-lg bg-green-50 p-5 text-green-900 ring-1 ring-green-200" role="status" data-testid="register-success">
        {mode === "public" ? (
          <>
            <p className="text-lg font-semibold">{t("join.success")}</p>
            <p className="mt-2" data-testid="register-volunteer-no">
              {t("join.successNo", { no: done.volunteerNo })}
            </p>
          </>
        ) : (
          <p className="font-semibold" data-testid="register-volunteer-no">
            {t("form.successStaff", { no: done.volunteerNo })}
          </p>
        )}
        <div className="mt-4 flex flex-wrap gap-3">
          {mode === "staff" && done.id && (
            <Link href={`/volunteers/${done.id}`} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800">
              {t("form.viewRecord")}
            </Link>
          )}
          <button
            type="button"
            className="rounded-md bg-white px-4 py-2 text-sm font-medium text-gray-800 ring-1 ring-gray-300 hover:bg-gray-50"
            onClick={() => {
              setDone(null);
              setGender("");
              setBirth("");
              setFormKey((k) => k + 1);
            }}
          >
            {mode === "public" ? t("join.again") : t("form.another")}
          </button>
        </div>
      </div>
    );
  }

  const input = (field: string) =>
    `mt-1 block w-full rounded-md text-base shadow-sm focus:border-red-600 focus:ring-red-600 sm:text-sm ${errors[field] ? "border-red-600" : "border-gray-300"}`;
  const err = (field: string) =>
    errors[field] ? (
      <p id={`${field}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${field}`}>
        {errors[field]}
      </p>
    ) : null;
  const aria = (field: string) => ({ "aria-invalid": errors[field] ? true : undefined, "aria-describedby": errors[field] ? `${field}-error` : undefined });

  return (
    <form key={formKey} onSubmit={onSubmit} noValidate className="space-y-4" data-testid="register-form">
      {banner && (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-testid="register-error">
          <p>{banner.text}</p>
          {banner.link && (
            <Link href={`/volunteers/${banner.link}`} className="mt-1 inline-block font-medium text-red-700 underline">
              {t("form.duplicateOpen")}
            </Link>
          )}
        </div>
      )}
      {Object.keys(errors).length > 1 && (
        <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="register-errors">
          <p className="font-medium">{t("form.errorsTitle")}</p>
          <ul className="list-inside list-disc">
            {Object.entries(errors).map(([k, v]) => (
              <li key={k}>{v}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="reg-name" className="block text-sm font-medium text-gray-700">
            {t("form.name")}
          </label>
          <input id="reg-name" name="name" autoComplete="name" className={input("name")} data-testid="reg-name" {...aria("name")} />
          {err("name")}
        </div>
        <div>
          <label htmlFor="reg-phone" className="block text-sm font-medium text-gray-700">
            {t("form.phone")}
          </label>
          <input id="reg-phone" name="phone" type="tel" inputMode="numeric" autoComplete="tel" maxLength={16} className={input("phone")} data-testid="reg-phone" {...aria("phone")} />
          {err("phone")}
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="reg-id" className="block text-sm font-medium text-gray-700">
            {t("form.idCard")} <span className="font-normal text-gray-500">（{t("form.idHint")}）</span>
          </label>
          <input
            id="reg-id"
            name="idCard"
            autoComplete="off"
            maxLength={20}
            className={`${input("idCard")} font-mono tracking-wide`}
            data-testid="reg-id"
            onChange={(e) => onId(e.target.value)}
            {...aria("idCard")}
          />
          {err("idCard")}
        </div>
        <div>
          <label htmlFor="reg-gender" className="block text-sm font-medium text-gray-700">
            {t("form.gender")} <span className="font-normal text-gray-500">（{t("form.derived")}）</span>
          </label>
          <select id="reg-gender" name="gender" value={gender} onChange={(e) => setGender(e.target.value)} className={input("gender")} data-testid="reg-gender" {...aria("gender")}>
            <option value="">—</option>
            <option value="M">{t("gender.M")}</option>
            <option value="F">{t("gender.F")}</option>
          </select>
          {err("gender")}
        </div>
        <div>
          <label htmlFor="reg-birth" className="block text-sm font-medium text-gray-700">
            {t("form.birthDate")} <span className="font-normal text-gray-500">（{t("form.derived")}）</span>
          </label>
          <input id="reg-birth" name="birthDate" type="date" value={birth} onChange={(e) => setBirth(e.target.value)} className={input("birthDate")} data-testid="reg-birth" {...aria("birthDate")} />
          {err("birthDate")}
        </div>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-gray-700">{t("form.home")}</legend>
        <RegionPicker
          root={root}
          name="communityCode"
          value={community}
          requireCommunity
          invalid={!!errors.communityCode}
          describedBy={errors.communityCode ? "communityCode-error" : undefined}
          testId="reg-region"
          onChange={(code) => {
            setCommunity(code);
            setStreet(code.length >= 9 ? code.slice(0, 9) : root.length >= 9 ? root.slice(0, 9) : "");
          }}
        />
        {err("communityCode")}
      </fieldset>
      <div>
        <label htmlFor="reg-org" className="block text-sm font-medium text-gray-700">
          {t("form.organization")}
        </label>
        {fixedOrg ? (
          <p className="mt-1 text-sm text-gray-700" data-testid="reg-org-fixed">
            {t("form.orgFixed", { name: fixedOrg.name })}
          </p>
        ) : (
          <select id="reg-org" name="organizationId" className={input("organizationIds")} disabled={street.length !== 9} data-testid="reg-org" {...aria("organizationIds")}>
            <option value="">{street.length !== 9 ? t("form.pickStreetFirst") : t("form.noOrganization")}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
        {err("organizationIds")}
      </div>
      <div>
        <label htmlFor="reg-skills" className="block text-sm font-medium text-gray-700">
          {t("form.skills")}
        </label>
        <input id="reg-skills" name="skills" placeholder={t("form.skillsHint")} className={input("skills")} data-testid="reg-skills" {...aria("skills")} />
        {err("skills")}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-gray-700">{t("form.sectors")}</legend>
        <div className="mt-1 grid grid-cols-2 gap-2 sm:grid-cols-3">
          {SECTOR_KEYS.map((s) => (
            <label key={s} className="flex items-center gap-2 rounded-md px-2 py-2 text-sm ring-1 ring-gray-200">
              <input type="checkbox" name="sectorIntentions" value={s} className="rounded border-gray-300 text-red-700 focus:ring-red-600" data-testid={`reg-sector-${s}`} />
              <SectorName s={s} />
            </label>
          ))}
        </div>
        {err("sectorIntentions")}
      </fieldset>
      <div>
        <label className="flex items-start gap-2 text-sm text-gray-700">
          <input type="checkbox" name="consent" value="1" className="mt-0.5 rounded border-gray-300 text-red-700 focus:ring-red-600" data-testid="reg-consent" {...aria("consent")} />
          <span>{mode === "public" ? t("form.consentPublic") : t("form.consentStaff")}</span>
        </label>
        {err("consent")}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-red-700 px-4 py-3 text-base font-medium text-white hover:bg-red-800 focus:outline-none focus:ring-2 focus:ring-red-600 focus:ring-offset-2 disabled:opacity-60 sm:w-auto sm:py-2 sm:text-sm"
        data-testid="reg-submit"
      >
        {pending ? t("form.submitting") : t("form.submit")}
      </button>
    </form>
  );
}

function SectorName({ s }: { s: string }) {
  const t = useTranslations("cockpit.sectors");
  return <>{t(s as "elderly")}</>;
}
