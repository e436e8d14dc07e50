import { getTranslations } from "next-intl/server";
import { ActionNotice } from "@/components/ui/Notice";
import { one } from "@/lib/search-params";
import { TimebankNav } from "@/components/timebank/TimebankNav";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { saveRewardAction } from "@/lib/timebank/actions";
import { listRewards, partnersInScope } from "@/lib/timebank/queries";
import { ActionForm } from "@/components/ui/ActionForm";

/** 益兑换 rewards: list (cost, stock, redeemed), create, edit (versioned). */
export default async function RewardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("timebank");
  const q = await searchParams;
  const t = await getTranslations("timebank");
  const [items, partners] = await Promise.all([listRewards(db, user), partnersInScope(db, user)]);
  const write = canWrite(user.role);
  const okKey = one(q.ok);
  const cls = "rounded border-gray-300 text-sm";
  return (
    <div className="space-y-4" data-testid="rewards-page">
      <TimebankNav active="rewards" />
      <ActionNotice ok={okKey} okText={okKey ? t(`ok.reward_${okKey}` as "ok.reward_created") : undefined} />
      {write && (
        <ActionForm action={saveRewardAction} className="grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-100 sm:grid-cols-3 lg:grid-cols-6" testId="reward-form">
          <label className="text-sm sm:col-span-2">
            <span className="block text-gray-600">{t("rewards.name")}</span>
            <input name="name" required minLength={2} maxLength={60} className={`${cls} mt-1 w-full`} data-testid="rw-name" />
          </label>
          <label className="text-sm">
            <span className="block text-gray-600">{t("rewards.kind")}</span>
            <select name="kind" className={`${cls} mt-1 w-full`}>
              {(["goods", "service", "discount"] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`rewards.k.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block text-gray-600">{t("rewards.cost")}</span>
            <input type="number" name="cost" required min={1} className={`${cls} mt-1 w-full`} data-testid="rw-cost" />
          </label>
          <label className="text-sm">
            <span className="block text-gray-600">{t("rewards.stock")}</span>
            <input type="number" name="stock" required min={0} className={`${cls} mt-1 w-full`} data-testid="rw-stock" />
          </label>
          <label className="text-sm">
            <span className="block text-gray-600">{t("rewards.partner")}</span>
            <select name="partnerId" className={`${cls} mt-1 w-full`}>
              <option value="">—</option>
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <input type="hidden" name="regionCode" value={user.scopeCode} />
          <label className="text-sm sm:col-span-2 lg:col-span-5">
            <span className="block text-gray-600">{t("rewards.description")}</span>
            <input name="description" maxLength={500} className={`${cls} mt-1 w-full`} />
          </label>
          <div className="flex items-end">
            <button className="rounded-md bg-red-800 px-3 py-1.5 text-sm text-white" data-testid="rw-submit">
              {t("rewards.create", { scope: user.scopeName })}
            </button>
          </div>
        </ActionForm>
      )}
      {items.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-gray-600 shadow-sm ring-1 ring-gray-100">{t("rewards.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-100">
          <table className="min-w-full text-sm" data-testid="rewards-table">
            <thead className="bg-gray-50 text-left text-gray-600">
              <tr>
                <th className="px-2 py-2">{t("rewards.name")}</th>
                <th className="px-2 py-2">{t("rewards.partner")}</th>
                <th className="px-2 py-2 text-right">{t("rewards.cost")}</th>
                <th className="px-2 py-2 text-right">{t("rewards.stock")}</th>
                <th className="px-2 py-2 text-right">{t("rewards.redeemed")}</th>
                <th className="px-2 py-2">{t("rewards.edit")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const editable = write && r.regionCode.startsWith(user.scopeCode);
                return (
                  <tr key={r.id} className={`border-t border-gray-100 ${r.active ? "" : "text-gray-400"}`} data-testid={`reward-${r.id}`}>
                    <td className="px-2 py-2">
                      {r.name}
                      <span className="ml-1 text-xs text-gray-500">
                        {t(`rewards.k.${r.kind}` as "rewards.k.goods")}
                        {!r.active && ` · ${t("rewards.inactive")}`}
                      </span>
                    </td>
                    <td className="px-2 py-2">{r.partnerName ?? "—"}</td>
                    <td className="px-2 py-2 text-right tabular-nums">{r.cost}</td>
                    <td className="px-2 py-2 text-right tabular-nums">{r.stock}</td>
                    <td className="px-2 py-2 text-right tabular-nums">{r.redeemed}</td>
                    <td className="px-2 py-2">
                      {editable ? (
                        <ActionForm action={saveRewardAction} className="flex flex-wrap items-center gap-1">
                          <input type="hidden" name="id" value={r.id} />
                          <input type="hidden" name="version" value={r.version} />
                          <input type="hidden" name="name" value={r.name} />
                          <input type="hidden" name="kind" value={r.kind} />
                          <input type="hidden" name="regionCode" value={r.regionCode} />
                          <input type="hidden" name="partnerId" value={r.partnerId ?? ""} />
                          <input type="hidden" name="description" value={r.description ?? ""} />
                          <input type="number" name="cost" defaultValue={r.cost} min={1} aria-label={t("rewards.cost")} className="w-20 rounded border-gray-300 text-xs" />
                          <input type="number" name="stock" defaultValue={r.stock} min={0} aria-label={t("rewards.stock")} className="w-20 rounded border-gray-300 text-xs" />
                          <label className="text-xs">
                            <input type="checkbox" name="active" defaultChecked={r.active} /> {t("rewards.active")}
                          </label>
                          <button className="rounded bg-white px-2 py-0.5 text-xs ring-1 ring-gray-300">{t("rewards.save")}</button>
                        </ActionForm>
                      ) : (
                        <span className="text-xs text-gray-400">{t("rewards.readOnly")}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
