import { getTranslations } from "next-intl/server";
import { ROLES } from "@/lib/auth/rules";
import { revokeApiToken, setPiiGrant } from "@/lib/security/actions";
import type { listApiTokens, listPiiGrants } from "@/lib/security/queries";
import type { SecuritySettings } from "@/lib/security/settings";
import { TOKEN_PERMISSIONS } from "@/lib/security/tokens";
import { SettingsForm, TokenForm } from "./SecurityForms";
import { ActionForm } from "@/components/ui/ActionForm";
import { DataTable } from "@/components/ui/DataTable";

const fmt = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

/** 安全管理员: security policy, PII-reveal grants, API tokens. Never business data or accounts. */
export async function SecadminPanel({ policy, grants, tokens }: { policy: SecuritySettings; grants: Awaited<ReturnType<typeof listPiiGrants>>; tokens: Awaited<ReturnType<typeof listApiTokens>> }) {
  const t = await getTranslations("security");
  const tr = await getTranslations("roles");
  const tn = await getTranslations("nav");
  const settingLabels = Object.fromEntries(
    ["lockoutThreshold", "lockoutMinutes", "passwordMaxAgeDays", "idleMinutes", "absoluteHours", "auditRetentionDays", "ipMaxFailures", "ipWindowMinutes", "adminIpAllowList", "totpRoles", "save"].map((k) => [k, t(`settings.${k}`)]),
  );
  const permLabel = (p: string) => {
    const [area, mode] = p.split(":");
    // tokens issued before the 活动与工时 area took its route's name say `activities:*`
    return `${tn(area === "activities" ? "service-hours" : area!)} · ${t(`tokens.${mode}`)}`;
  };
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("settings.title")}</h1>
      <SettingsForm values={policy} roles={ROLES.map((r) => ({ value: r, label: tr(r) }))} labels={settingLabels} />

      <h2 className="text-xl font-semibold">{t("grants.title")}</h2>
      <p className="text-sm text-gray-600">{t("grants.hint")}</p>
      <DataTable
        testId="grants-table"
        rows={grants}
        rowKey={(g) => g.id}
        caption={t("grants.title")}
        captionHidden
        columns={[
          {
            key: "user",
            header: t("grants.user"),
            cell: (g) => (
              <>
                <span className="font-mono">{g.username}</span> {g.displayName}
              </>
            ),
          },
          { key: "role", header: t("grants.role"), cell: (g) => tr(g.role) },
          { key: "scopeCode", header: t("grants.scope") },
          { key: "status", header: t("grants.status"), cell: (g) => (g.grantedAt ? t("grants.granted") : t("grants.none")) },
          {
            key: "action",
            header: <span className="sr-only">{t("grants.status")}</span>,
            cell: (g) => (
              <ActionForm action={setPiiGrant}>
                <input type="hidden" name="userId" value={g.id} />
                <input type="hidden" name="grant" value={g.grantedAt ? "false" : "true"} />
                <button type="submit" className="rounded border border-gray-300 px-2 py-0.5 text-xs hover:bg-gray-100" data-testid={`grant-${g.username}`}>
                  {g.grantedAt ? t("grants.revoke") : t("grants.grant")}
                </button>
              </ActionForm>
            ),
          },
        ]}
      />

      <h2 className="text-xl font-semibold">{t("tokens.title")}</h2>
      <p className="text-sm text-gray-600">{t("tokens.hint")}</p>
      <TokenForm
        permissions={TOKEN_PERMISSIONS.map((p) => ({ value: p, label: permLabel(p) }))}
        labels={{ name: t("tokens.name"), scope: t("tokens.scope"), expires: t("tokens.expires"), permissions: t("tokens.permissions"), create: t("tokens.create"), shownOnce: t("tokens.shownOnce") }}
      />
      <DataTable
        testId="tokens-table"
        rows={tokens}
        rowKey={(k) => k.id}
        caption={t("tokens.title")}
        captionHidden
        empty={t("tokens.empty")}
        columns={[
          { key: "name", header: t("tokens.name") },
          { key: "prefix", header: t("tokens.prefix"), className: "font-mono", cell: (k) => `${k.prefix}…` },
          { key: "scopeCode", header: t("tokens.scope") },
          { key: "permissions", header: t("tokens.permissions"), className: "text-xs", cell: (k) => k.permissions.map(permLabel).join("、") },
          { key: "expiresAt", header: t("tokens.expires"), nowrap: true, cell: (k) => (k.expiresAt ? fmt.format(k.expiresAt) : t("tokens.never")) },
          { key: "lastUsedAt", header: t("tokens.lastUsed"), nowrap: true, cell: (k) => (k.lastUsedAt ? fmt.format(k.lastUsedAt) : "—") },
          {
            key: "status",
            header: t("tokens.status"),
            cell: (k) =>
              k.revokedAt ? (
                t("tokens.revoked")
              ) : k.expired ? (
                t("tokens.expired")
              ) : (
                <ActionForm action={revokeApiToken}>
                  <input type="hidden" name="tokenId" value={k.id} />
                  <button type="submit" className="rounded border border-gray-300 px-2 py-0.5 text-xs hover:bg-gray-100" data-testid={`revoke-${k.name}`}>
                    {t("tokens.revoke")}
                  </button>
                </ActionForm>
              ),
          },
        ]}
      />
    </section>
  );
}
