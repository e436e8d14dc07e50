/** Who is acting on service records and the time bank (a CurrentUser or a test/API actor). */
export interface ServiceActor {
  id: number;
  username: string;
  role: string;
  /** Region scope: only rows under it are visible or writable. */
  scopeCode: string;
  /** For org_admin: the organization whose activities they run. */
  organizationId?: number | null;
  ip?: string | null;
}
