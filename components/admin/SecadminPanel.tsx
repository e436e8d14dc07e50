import { getTranslations } from "next-intl/server";
import { ROLES } from "@/lib/auth/rules";
import { revokeApiToken, setPiiGrant } from "@/lib/security/actions";
import type { listApiTokens, listPiiGrants } from "@/lib/security/queries";
import type { SecuritySettings } from "@/lib/security/settings";
import { TOKEN_PERMISSIONS } from "@/lib/security/tokens";
import { SettingsForm, TokenForm } from "./SecurityForms";
import { ActionForm } from "@/components/ui/ActionForm";

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
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="min-w-full text-sm" data-testid="grants-table">
          <thead className="bg-gray-50 text-left text-gray-600">
            <tr>
              <th className="px-4 py-2">{t("grants.user")}</th>
              <th className="px-4 py-2">{t("grants.role")}</th>
              <th className="px-4 py-2">{t("grants.scope")}</th>
              <th className="px-4 py-2">{t("grants.status")}</th>
              <th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={g.id} className="border-t border-gray-100">
                <td className="px-4 py-2">
                  <span className="font-mono">{g.username}</span> {g.displayName}
                </td>
                <td className="px-4 py-2">{tr(g.role)}</td>
                <td className="px-4 py-2 tabular">{g.scopeCode}</td>
                <td className="px-4 py-2">{g.grantedAt ? t("grants.granted") : t("grants.none")}</td>
                <td className="px-4 py-2">
                  <ActionForm action={setPiiGrant}>
                    <input type="hidden" name="userId" value={g.id} />
                    <input type="hidden" name="grant" value={g.grantedAt ? "false" : "true"} />
                    <button type="submit" className="rounded border border-gray-300 px-2 py-0.5 text-xs hover:bg-gray-100" data-testid={`grant-${g.username}`}>
                      {g.grantedAt ? t("grants.revoke") : t("grants.grant")}
                    </button>
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="text-xl font-semibold">{t("tokens.title")}</h2>
      <p className="text-sm text-gray-600">{t("tokens.hint")}</p>
      <TokenForm
        permissions={TOKEN_PERMISSIONS.map((p) => ({ value: p, label: permLabel(p) }))}
        labels={{ name: t("tokens.name"), scope: t("tokens.scope"), expires: t("tokens.expires"), permissions: t("tokens.permissions"), create: t("tokens.create"), shownOnce: t("tokens.shownOnce") }}
      />
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="min-w-full text-sm" data-testid="tokens-table">
          <thead className="bg-gray-50 text-left text-gray-600">
            <tr>
              <th className="px-4 py-2">{t("tokens.name")}</th>
              <th className="px-4 py-2">{t("tokens.prefix")}</th>
              <th className="px-4 py-2">{t("tokens.scope")}</th>
              <th className="px-4 py-2">{t("tokens.permissions")}</th>
              <th className="px-4 py-2">{t("tokens.expires")}</th>
              <th className="px-4 py-2">{t("tokens.lastUsed")}</th>
              <th className="px-4 py-2">{t("tokens.status")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.length === 0 && (
              <tr>
                <td colSpan={7} className="px-4 py-6 text-center text-gray-500">
                  {t("tokens.empty")}
                </td>
              </tr>
            )}
            {tokens.map((k) => {
              const expired = k.expired;
              return (
                <tr key={k.id} className="border-t border-gray-100">
                  <td className="px-4 py-2">{k.name}</td>
                  <td className="px-4 py-2 font-mono">{k.prefix}…</td>
                  <td className="px-4 py-2 tabular">{k.scopeCode}</td>
                  <td className="px-4 py-2 text-xs">{k.permissions.map(permLabel).join("、")}</td>
                  <td className="px-4 py-2 tabular">{k.expiresAt ? fmt.format(k.expiresAt) : t("tokens.never")}</td>
                  <td className="px-4 py-2 tabular">{k.lastUsedAt ? fmt.format(k.lastUsedAt) : "—"}</td>
                  <td className="px-4 py-2">
                    {k.revokedAt ? (
                      t("tokens.revoked")
                    ) : expired ? (
                      t("tokens.expired")
                    ) : (
                      <ActionForm action={revokeApiToken}>
                        <input type="hidden" name="tokenId" value={k.id} />
                        <button type="submit" className="rounded border border-gray-300 px-2 py-0.5 text-xs hover:bg-gray-100" data-testid={`revoke-${k.name}`}>
                          {t("tokens.revoke")}
                        </button>
                      </ActionForm>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
