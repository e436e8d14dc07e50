import { getTranslations } from "next-intl/server";
import { ActionNotice } from "@/components/ui/Notice";
import { one } from "@/lib/search-params";
import { TimebankNav } from "@/components/timebank/TimebankNav";
import { canWrite } from "@/lib/auth/rules";
import { requirePage } from "@/lib/auth/session";
import { publishRewardAction, saveRewardAction } from "@/lib/timebank/actions";
import { listRewards, partnersInScope } from "@/lib/timebank/queries";
import { ActionForm } from "@/components/ui/ActionForm";
import { DataTable } from "@/components/ui/DataTable";
import { pageTitle } from "@/lib/i18n/title";

export const generateMetadata = () => pageTitle(["timebank.nav.rewards", "timebank.nav.title"]);

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
        <DataTable
          testId="rewards-table"
          rows={items}
          rowKey={(r) => r.id}
          rowTestId={(r) => `reward-${r.id}`}
          caption={t("nav.rewards")}
          captionHidden
          columns={[
            {
              key: "name",
              header: t("rewards.name"),
              cell: (r) => (
                <span className={r.active ? "" : "text-gray-400"}>
                  {r.name}
                  <span className="ml-1 text-xs text-gray-500">
                    {t(`rewards.k.${r.kind}` as "rewards.k.goods")}
                    {!r.active && ` · ${t("rewards.inactive")}`}
                  </span>
                  {r.organizationId !== null && (
                    <span className="block text-xs text-amber-800" data-testid={`reward-org-${r.id}`}>
                      {t("rewards.ownedBy", { org: r.organizationName ?? "" })}
                    </span>
                  )}
                </span>
              ),
            },
            { key: "partner", header: t("rewards.partner"), cell: (r) => r.partnerName ?? "—" },
            { key: "cost", header: t("rewards.cost"), align: "right" },
            { key: "stock", header: t("rewards.stock"), align: "right" },
            { key: "redeemed", header: t("rewards.redeemed"), align: "right" },
            {
              key: "edit",
              header: t("rewards.edit"),
              cell: (r) => {
                // the server decides again: an organization admin edits its own organization's rewards, staff those under their scope
                const editable = write && (user.role === "org_admin" ? r.organizationId === user.organizationId : r.regionCode.startsWith(user.scopeCode));
                return (
                  <>
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
                    {user.role === "wmb_staff" && r.organizationId !== null && r.regionCode.startsWith(user.scopeCode) && (
                      <ActionForm action={publishRewardAction} className="mt-1">
                        <input type="hidden" name="id" value={r.id} />
                        <button className="rounded bg-white px-2 py-0.5 text-xs text-red-800 ring-1 ring-red-200" data-testid={`reward-publish-${r.id}`}>
                          {t("rewards.publish")}
                        </button>
                      </ActionForm>
                    )}
                  </>
                );
              },
            },
          ]}
        />
      )}
    </div>
  );
}
