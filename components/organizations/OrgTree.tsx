import Link from "next/link";
import type { OrgLevel, TreeNode } from "@/lib/organizations/tree";

export interface OrgTreeLabels {
  level: Record<OrgLevel, string>;
  members: string;
  hours: string;
  activities: string;
  projects: string;
  own: (n: TreeNode) => string;
  addChild: string;
}

const LEVEL_TONE: Record<OrgLevel, string> = {
  corps: "bg-red-100 text-red-800",
  division: "bg-amber-100 text-amber-800",
  team: "bg-sky-100 text-sky-800",
  other: "bg-gray-100 text-gray-700",
};

/**
 * The structure as nested disclosure rows: each node shows its level (text badge), name, and its
 * rolled-up totals (own + all descendants); its own figures are in the row's second line. The
 * top level is open; deeper levels open on demand, so a 900-node district stays readable.
 */
export function OrgTree({ roots, labels, canWrite, fmtHours }: { roots: TreeNode[]; labels: OrgTreeLabels; canWrite: boolean; fmtHours: (h: number) => string }) {
  return (
    <ul className="space-y-1" data-testid="org-tree" aria-label={labels.members}>
      {roots.map((n) => (
        <Node key={n.id} n={n} depth={0} labels={labels} canWrite={canWrite} fmtHours={fmtHours} />
      ))}
    </ul>
  );
}

function Figures({ n, labels, fmtHours }: { n: TreeNode; labels: OrgTreeLabels; fmtHours: (h: number) => string }) {
  const item = (label: string, value: string, key: string) => (
    <span className="whitespace-nowrap" data-testid={`tree-${key}`} data-value={key === "hours" ? n.totals.verifiedHours : key === "members" ? n.totals.members : key === "activities" ? n.totals.activities : n.totals.activeProjects}>
      <span className="text-gray-500">{label} </span>
      <span className="font-medium tabular-nums text-gray-900">{value}</span>
    </span>
  );
  return (
    <span className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
      {item(labels.members, String(n.totals.members), "members")}
      {item(labels.hours, fmtHours(n.totals.verifiedHours), "hours")}
      {item(labels.activities, String(n.totals.activities), "activities")}
      {item(labels.projects, String(n.totals.activeProjects), "projects")}
    </span>
  );
}

function Node({ n, depth, labels, canWrite, fmtHours }: { n: TreeNode; depth: number; labels: OrgTreeLabels; canWrite: boolean; fmtHours: (h: number) => string }) {
  const head = (
    <div className="flex min-w-0 flex-1 flex-col gap-1 sm:flex-row sm:items-center sm:justify-between">
      <span className="flex min-w-0 items-center gap-2">
        <span className={`shrink-0 rounded px-1.5 py-0.5 text-xs ${LEVEL_TONE[n.level]}`}>{labels.level[n.level]}</span>
        <Link href={`/organizations/${n.id}`} className="truncate font-medium text-red-700 hover:underline" data-testid="tree-node-link">
          {n.name}
        </Link>
        {n.children.length > 0 && <span className="shrink-0 text-xs text-gray-500">({n.children.length})</span>}
      </span>
      <Figures n={n} labels={labels} fmtHours={fmtHours} />
    </div>
  );
  const meta = (
    <div className="mt-0.5 flex flex-wrap items-center gap-x-3 pl-1 text-xs text-gray-500">
      <span>{labels.own(n)}</span>
      {canWrite && n.level !== "team" && (
        <Link href={`/organizations/new?parent=${n.id}`} className="text-red-700 hover:underline" data-testid="tree-add-child">
          + {labels.addChild}
        </Link>
      )}
    </div>
  );
  return (
    <li className="rounded-md border border-gray-100 bg-white" data-testid="tree-node" data-id={n.id} data-level={n.level} data-name={n.name}>
      {n.children.length === 0 ? (
        <div className="px-3 py-2">
          {head}
          {meta}
        </div>
      ) : (
        <details open={depth === 0} className="group">
          <summary className="cursor-pointer list-none px-3 py-2 marker:hidden">
            <div className="flex items-start gap-2">
              <span aria-hidden className="mt-0.5 text-gray-400 transition-transform group-open:rotate-90">▶</span>
              {head}
            </div>
            {meta}
          </summary>
          <ul className="space-y-1 border-l border-gray-200 py-1 pl-3 ml-4 sm:ml-6">
            {n.children.map((c) => (
              <Node key={c.id} n={c} depth={depth + 1} labels={labels} canWrite={canWrite} fmtHours={fmtHours} />
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
