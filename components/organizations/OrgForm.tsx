import type { ActionState } from "@/lib/auth/action";
import { ActionForm } from "@/components/ui/ActionForm";
import { FIELD_CLASS } from "@/components/ui/FilterSelect";
import { RegionPicker } from "@/components/volunteers/RegionPicker";

export interface OrgFormLabels {
  name: string;
  type: string;
  level: string;
  parent: string;
  noParent: string;
  region: string;
  supervisor: string;
  submit: string;
}

export interface OrgFormValues {
  id?: number;
  version?: number;
  name: string;
  type: string;
  level: string;
  parentId: number | null;
  regionCode: string;
  supervisorCode: string;
}

/** New / edit organization: a server-rendered form bound to a server action (refusals show above the fields, naming the field). */
export function OrgForm({
  action,
  labels,
  values,
  root,
  types,
  levels,
  parents,
}: {
  action: (s: ActionState, fd: FormData) => Promise<ActionState>;
  labels: OrgFormLabels;
  values: OrgFormValues;
  root: string;
  types: { value: string; label: string }[];
  levels: { value: string; label: string }[];
  parents: { id: number; name: string; level: string }[];
}) {
  return (
    <ActionForm action={action} className="space-y-4" testId="org-form">
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {values.version && <input type="hidden" name="version" value={values.version} />}
      <label className="block text-sm text-gray-700">
        {labels.name}
        <input name="name" required defaultValue={values.name} maxLength={60} className={FIELD_CLASS} data-testid="org-form-name" />
      </label>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <label className="block text-sm text-gray-700">
          {labels.level}
          <select name="level" defaultValue={values.level} className={FIELD_CLASS} data-testid="org-form-level">
            {levels.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm text-gray-700">
          {labels.type}
          <select name="type" defaultValue={values.type} className={FIELD_CLASS} data-testid="org-form-type">
            {types.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="block text-sm text-gray-700">
        {labels.parent}
        <select name="parentId" defaultValue={values.parentId ?? ""} className={FIELD_CLASS} data-testid="org-form-parent">
          <option value="">{labels.noParent}</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {p.level === "corps" ? "【总队】" : "　"}
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="text-sm text-gray-700">
        <legend>{labels.region}</legend>
        <RegionPicker root={root} name="regionCode" value={values.regionCode} testId="org-form-region" />
      </fieldset>
      <label className="block text-sm text-gray-700">
        {labels.supervisor}
        <input name="supervisorCode" defaultValue={values.supervisorCode} inputMode="numeric" maxLength={9} className={FIELD_CLASS} data-testid="org-form-supervisor" />
      </label>
      <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800" data-testid="org-form-submit">
        {labels.submit}
      </button>
    </ActionForm>
  );
}
