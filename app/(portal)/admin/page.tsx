import { getTranslations } from "next-intl/server";
import { requirePage } from "@/lib/auth/session";
import { AuditFilterSchema, searchAudit } from "@/lib/admin/audit-query";
import { listApiTokens, listPiiGrants } from "@/lib/security/queries";
import { getSecuritySettings } from "@/lib/security/settings";
import { flatten } from "@/lib/search-params";
import { listAccounts } from "@/lib/admin/queries";
import { AuditorPanel } from "@/components/admin/AuditorPanel";
import { SecadminPanel } from "@/components/admin/SecadminPanel";
import { resetAccountTotp, setAccountDisabled } from "@/lib/admin/actions";
import { ROLES } from "@/lib/auth/rules";
import { ChangeRoleForm, CreateAccountForm, ResetPasswordButton } from "@/components/admin/AccountForms";
import { ActionForm } from "@/components/ui/ActionForm";
import { DataTable } from "@/components/ui/DataTable";
import { pageTitle } from "@/lib/i18n/title";

const fmt = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" });

export const generateMetadata = () => pageTitle(["admin.title"]);

/** 系统管理: each of the three separated administrators (三权分立) sees only their own duty. */
export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor: user, db } = await requirePage("admin");
  const t = await getTranslations();
  if (user.role === "sysadmin") {
    const accounts = await listAccounts(db, user);
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">{t("admin.accounts")}</h1>
        <CreateAccountForm
          roles={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          labels={{ username: t("admin.username"), displayName: t("admin.displayName"), role: t("admin.role"), scope: t("admin.scope"), organization: t("admin.organization"), create: t("admin.create"), tempPassword: t("admin.tempPassword") }}
        />
        <h2 className="text-lg font-semibold">{t("security.accounts.changeRole")}</h2>
        <ChangeRoleForm
          accounts={accounts.filter((a) => a.id !== user.id).map((a) => ({ id: a.id, username: a.username }))}
          roles={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          labels={{ account: t("security.accounts.account"), role: t("admin.role"), scope: t("admin.scope"), organization: t("admin.organization"), submit: t("security.accounts.submit") }}
        />
        <DataTable
          testId="accounts-table"
          rows={accounts}
          rowKey={(a) => a.id}
          caption={t("admin.accounts")}
          captionHidden
          columns={[
            { key: "username", header: t("admin.username"), className: "font-mono" },
            { key: "displayName", header: t("admin.displayName") },
            { key: "role", header: t("admin.role"), cell: (a) => t(`roles.${a.role}`) },
            { key: "scopeCode", header: t("admin.scope") },
            { key: "status", header: t("admin.status"), cell: (a) => (a.disabled ? t("admin.disabled") : a.locked ? t("admin.locked") : t("admin.enabled")) },
            { key: "lastLoginAt", header: t("admin.lastLogin"), nowrap: true, cell: (a) => (a.lastLoginAt ? fmt.format(a.lastLoginAt) : t("admin.never")) },
            {
              key: "actions",
              header: t("admin.actions"),
              nowrap: true,
              className: "space-x-2",
              cell: (a) => (
                <>
                  {a.id !== user.id && (
                    <ActionForm action={setAccountDisabled} className="inline">
                      <input type="hidden" name="userId" value={a.id} />
                      <input type="hidden" name="disabled" value={a.disabled ? "false" : "true"} />
                      <button type="submit" className="rounded border border-gray-300 px-2 py-0.5 text-xs hover:bg-gray-100" data-testid={`toggle-${a.username}`}>
                        {a.disabled ? t("admin.enable") : t("admin.disable")}
                      </button>
                    </ActionForm>
                  )}
                  <ResetPasswordButton userId={a.id} labels={{ reset: t("admin.reset"), tempPassword: t("admin.tempPassword") }} />
                  {a.totp && a.id !== user.id && (
                    <ActionForm action={resetAccountTotp} className="inline">
                      <input type="hidden" name="userId" value={a.id} />
                      <button type="submit" className="rounded border border-gray-300 px-2 py-0.5 text-xs hover:bg-gray-100" data-testid={`reset-totp-${a.username}`}>
                        {t("security.accounts.resetTotp")}
                      </button>
                    </ActionForm>
                  )}
                </>
              ),
            },
          ]}
        />
      </section>
    );
  }
  if (user.role === "auditor") {
    const parsed = AuditFilterSchema.safeParse(flatten(await searchParams));
    const filter = parsed.success ? parsed.data : AuditFilterSchema.parse({});
    const [result, policy] = await Promise.all([searchAudit(db, user, filter), getSecuritySettings(db)]);
    return <AuditorPanel filter={filter} filterError={parsed.success ? null : (parsed.error.issues[0]?.message ?? null)} result={result} retentionDays={policy.auditRetentionDays} />;
  }
  const [policy, grants, tokens] = await Promise.all([getSecuritySettings(db), listPiiGrants(db, user), listApiTokens(db, user)]);
  return <SecadminPanel policy={policy} grants={grants} tokens={tokens} />;
}
