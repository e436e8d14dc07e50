import { getTranslations } from "next-intl/server";
import { TimebankNav } from "@/components/timebank/TimebankNav";
import { MoralAwards } from "@/components/moral/MoralAwards";
import { MoralRuleForm } from "@/components/moral/MoralRuleForm";
import { ActionForm } from "@/components/ui/ActionForm";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { proposeMoralAwardAction } from "@/lib/moral/actions";
import { canPropose } from "@/lib/moral/rules";
import { listMoralAwards, listMoralRules } from "@/lib/moral/service";
import { pageTitle } from "@/lib/i18n/title";

/** 道德积分: the rule catalogue (文明办 makes rules and new versions), proposals and their decisions. */
export const generateMetadata = () => pageTitle(["timebank.nav.moral", "timebank.nav.title"]);

export default async function MoralPage() {
  const { actor, db } = await requirePage("timebank");
  const t = await getTranslations("moral");
  const [rules, awards] = await Promise.all([listMoralRules(db, actor), listMoralAwards(db, actor)]);
  const write = canWrite(actor.role);
  const proposable = rules.filter((r) => canPropose(actor.role, r.proposerRoles));
  const cls = "rounded border-gray-300 text-sm";
  return (
    <div className="space-y-4" data-testid="moral-page">
      <TimebankNav active="moral" />
      <p className="text-sm text-gray-600">{t("intro")}</p>

      <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
        <h2 className="mb-2 font-medium text-gray-900">{t("rules")}</h2>
        {rules.length === 0 ? (
          <p className="text-sm text-gray-500">{t("rulesEmpty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="moral-rules">
              <thead className="text-left text-xs text-gray-500">
                <tr>
                  {(["name", "category", "points", "cap", "version", "proposers", "approver", "evidence", "active"] as const).map((k) => (
                    <th key={k} scope="col" className="px-2 py-1 font-medium">
                      {t(`col.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {rules.map((r) => (
                  <tr key={r.id} data-testid={`moral-rule-${r.id}`}>
                    <td className="px-2 py-1 font-medium">{r.name}</td>
                    <td className="px-2 py-1">{t(`cat.${r.category}` as "cat.other")}</td>
                    <td className="px-2 py-1 tabular-nums">{r.points}</td>
                    <td className="px-2 py-1 tabular-nums">{r.yearlyCap}</td>
                    <td className="px-2 py-1">v{r.version}</td>
                    <td className="px-2 py-1">{r.proposerRoles.map((x) => t(`role.${x}` as "role.org_admin")).join("、")}</td>
                    <td className="px-2 py-1">{t(`approverLevel.${r.approverLevel}` as "approverLevel.city")}</td>
                    <td className="px-2 py-1">{r.evidence.map((x) => t(`ev.${x}` as "ev.note")).join("、")}</td>
                    <td className="px-2 py-1 whitespace-nowrap">
                      {r.activeFrom} – {r.activeTo ?? ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {write && actor.role === "wmb_staff" && <MoralRuleForm rules={rules.map((r) => ({ id: r.id, name: r.name, version: r.version }))} />}

      {write && proposable.length > 0 && (
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100">
          <h2 className="mb-2 font-medium text-gray-900">{t("propose")}</h2>
          <ActionForm action={proposeMoralAwardAction} className="grid gap-3 sm:grid-cols-3" testId="moral-propose">
            <label className="text-sm">
              <span className="block text-gray-600">{t("rule")}</span>
              <select name="ruleId" className={`${cls} mt-1 w-full`} data-testid="moral-propose-rule">
                {proposable.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}（{r.points}）
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="block text-gray-600">{t("volunteerNo")}</span>
              <input name="volunteerNo" required className={`${cls} mt-1 w-full`} data-testid="moral-propose-volunteer" />
            </label>
            <label className="text-sm sm:col-span-3">
              <span className="block text-gray-600">{t("note")}</span>
              <textarea name="note" required minLength={4} maxLength={1000} rows={2} className={`${cls} mt-1 w-full`} data-testid="moral-propose-note" />
            </label>
            <button className="rounded-md bg-red-800 px-4 py-2 text-sm text-white sm:w-40" data-testid="moral-propose-submit">
              {t("submit")}
            </button>
          </ActionForm>
        </section>
      )}

      <MoralAwards awards={awards} decide={write && actor.role === "wmb_staff"} />
    </div>
  );
}
