import { ActionForm } from "@/components/ui/ActionForm";
import { updateMemberAction } from "@/lib/organizations/actions";

/** A member's role (队长/副队长/队员) and an optional move to another team, in one small form per row. */
export function MemberControls({
  organizationId,
  volunteerId,
  role,
  roles,
  targets,
  labels,
}: {
  organizationId: number;
  volunteerId: number;
  role: string;
  roles: { value: string; label: string }[];
  targets: { id: number; name: string }[];
  labels: { role: string; moveTo: string; submit: string; stay: string };
}) {
  const cls = "rounded-md border-gray-300 py-1 text-xs focus:border-red-600 focus:ring-red-600";
  return (
    <ActionForm action={updateMemberAction} className="flex flex-wrap items-center gap-1" testId="member-form">
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="volunteerId" value={volunteerId} />
      <label className="sr-only" htmlFor={`role-${volunteerId}`}>
        {labels.role}
      </label>
      <select id={`role-${volunteerId}`} name="role" defaultValue={role} className={cls} data-testid="member-role-select">
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      {targets.length > 0 && (
        <>
          <label className="sr-only" htmlFor={`move-${volunteerId}`}>
            {labels.moveTo}
          </label>
          <select id={`move-${volunteerId}`} name="moveTo" defaultValue="" className={`${cls} max-w-40`} data-testid="member-move-select">
            <option value="">{labels.moveTo}</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit" className="rounded-md border border-red-700 px-2 py-1 text-xs text-red-700 hover:bg-red-50" data-testid="member-submit">
        {labels.submit}
      </button>
    </ActionForm>
  );
}
