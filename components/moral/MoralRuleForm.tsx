import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ui/ActionForm";
import { createMoralRuleAction } from "@/lib/moral/actions";
import { MORAL_CATEGORIES, PROPOSER_ROLES } from "@/lib/moral/rules";
import { today } from "@/lib/metrics/clock";

/** 文明办's rule form: a new rule, or a new version of an existing one (rules are never edited in place). */
export async function MoralRuleForm({ rules }: { rules: { id: number; name: string; version: number }[] }) {
  const t = await getTranslations("moral");
  const cls = "rounded border-gray-300 text-sm";
  return (
    <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
      <h2 className="mb-2 font-medium text-gray-900">{t("newRule")}</h2>
      <ActionForm action={createMoralRuleAction} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" testId="moral-rule-form">
        <label className="text-sm sm:col-span-2">
          <span className="block text-gray-600">{t("col.name")}</span>
          <input name="name" required minLength={2} maxLength={60} className={`${cls} mt-1 w-full`} data-testid="mr-name" />
        </label>
        <label className="text-sm">
          <span className="block text-gray-600">{t("col.category")}</span>
          <select name="category" className={`${cls} mt-1 w-full`} data-testid="mr-category">
            {MORAL_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`cat.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-gray-600">{t("col.points")}</span>
          <input type="number" name="points" required min={1} className={`${cls} mt-1 w-full`} data-testid="mr-points" />
        </label>
        <label className="text-sm">
          <span className="block text-gray-600">{t("col.cap")}</span>
          <input type="number" name="yearlyCap" required min={1} className={`${cls} mt-1 w-full`} data-testid="mr-cap" />
        </label>
        <label className="text-sm">
          <span className="block text-gray-600">{t("col.approver")}</span>
          <select name="approverLevel" className={`${cls} mt-1 w-full`}>
            <option value="district">{t("approverLevel.district")}</option>
            <option value="city">{t("approverLevel.city")}</option>
          </select>
        </label>
        <fieldset className="text-sm">
          <legend className="text-gray-600">{t("col.proposers")}</legend>
          {PROPOSER_ROLES.map((r) => (
            <label key={r} className="mr-3 inline-flex items-center gap-1">
              <input type="checkbox" name="proposerRoles" value={r} defaultChecked={r === "street_officer"} className="rounded border-gray-300" />
              {t(`role.${r}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="text-sm">
          <legend className="text-gray-600">{t("col.evidence")}</legend>
          {(["note", "photo"] as const).map((e) => (
            <label key={e} className="mr-3 inline-flex items-center gap-1">
              <input type="checkbox" name="evidence" value={e} defaultChecked={e === "note"} className="rounded border-gray-300" />
              {t(`ev.${e}`)}
            </label>
          ))}
        </fieldset>
        <label className="text-sm">
          <span className="block text-gray-600">{t("activeFrom")}</span>
          <input type="date" name="activeFrom" required defaultValue={today()} className={`${cls} mt-1 w-full`} />
        </label>
        <label className="text-sm">
          <span className="block text-gray-600">{t("activeTo")}</span>
          <input type="date" name="activeTo" className={`${cls} mt-1 w-full`} />
        </label>
        <label className="text-sm sm:col-span-2">
          <span className="block text-gray-600">{t("replaces")}</span>
          <select name="replacesId" className={`${cls} mt-1 w-full`}>
            <option value="">{t("replacesNone")}</option>
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} v{r.version}
              </option>
            ))}
          </select>
        </label>
        <button className="self-end rounded-md bg-red-800 px-4 py-2 text-sm text-white" data-testid="mr-save">
          {t("save")}
        </button>
      </ActionForm>
    </section>
  );
}
