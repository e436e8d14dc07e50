/**
 * The volunteer structure's pure rules: levels (总队 → 分队 → 小队), member roles, the roll-up of a
 * tree's totals (a node = its own figures + all its descendants') and the cycle rule for a move.
 * No database here; unit-tested in tests/unit/org-tree.test.ts.
 */

export const ORG_LEVELS = ["corps", "division", "team", "other"] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_LEVEL_ZH: Record<OrgLevel, string> = { corps: "总队", division: "分队", team: "小队", other: "其他组织" };

export const MEMBER_ROLES = ["leader", "deputy", "member"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_ROLE_ZH: Record<MemberRole, string> = { leader: "队长", deputy: "副队长", member: "队员" };

/** Rank of the named levels; `other` has none and may sit anywhere. */
const RANK: Record<OrgLevel, number | null> = { corps: 1, division: 2, team: 3, other: null };

/**
 * May a node of `child` level sit under a node of `parent` level? A 分队 or 小队 goes under a
 * higher level (a 小队 directly under a 总队 is allowed); a 总队 is never under a 总队/分队/小队;
 * `other` fits anywhere and takes anything.
 */
export function levelFits(parent: OrgLevel, child: OrgLevel): boolean {
  const p = RANK[parent];
  const c = RANK[child];
  if (p === null || c === null) return true;
  return c > p;
}

/**
 * Would putting `id` under `newParentId` make a cycle? `parentOf` answers the current parent of a
 * node (null for a root). A node under itself or under one of its descendants is a cycle. A
 * pre-existing loop in `parentOf` (bad data) stops the walk and also answers true.
 */
export function wouldCycle(id: number, newParentId: number | null, parentOf: (n: number) => number | null | undefined): boolean {
  const seen = new Set<number>();
  for (let n: number | null | undefined = newParentId; n != null; n = parentOf(n)) {
    if (n === id || seen.has(n)) return true;
    seen.add(n);
  }
  return false;
}

export interface Totals {
  members: number;
  verifiedHours: number;
  activities: number;
  activeProjects: number;
}

export const ZERO: Totals = { members: 0, verifiedHours: 0, activities: 0, activeProjects: 0 };

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    members: a.members + b.members,
    verifiedHours: Math.round((a.verifiedHours + b.verifiedHours) * 100) / 100,
    activities: a.activities + b.activities,
    activeProjects: a.activeProjects + b.activeProjects,
  };
}

export interface FlatNode {
  id: number;
  name: string;
  level: OrgLevel;
  parentId: number | null;
  regionCode: string;
  own: Totals;
}

export interface TreeNode extends Omit<FlatNode, "parentId"> {
  parentId: number | null;
  /** own + every descendant's own */
  totals: Totals;
  children: TreeNode[];
}

/**
 * Builds the forest of `nodes` and rolls the totals up: each node's `totals` = its `own` + the sum
 * of its children's `totals`. A node whose parent is not among `nodes` is a root. Children are
 * ordered by level then name. Safe against a loop in the data (a node is placed once).
 */
export function buildTree(nodes: FlatNode[]): TreeNode[] {
  const byId = new Map<number, TreeNode>();
  for (const n of nodes) byId.set(n.id, { ...n, totals: n.own, children: [] });
  const roots: TreeNode[] = [];
  for (const n of byId.values()) {
    const p = n.parentId != null ? byId.get(n.parentId) : undefined;
    if (p && !wouldCycle(n.id, n.parentId, (x) => byId.get(x)?.parentId ?? null)) p.children.push(n);
    else roots.push(n);
  }
  const order = (a: TreeNode, b: TreeNode) => ORG_LEVELS.indexOf(a.level) - ORG_LEVELS.indexOf(b.level) || a.name.localeCompare(b.name, "zh-CN") || a.id - b.id;
  // post-order without recursion (a 900-node district is fine either way; thousands deep is not)
  const stack: { node: TreeNode; done: boolean }[] = roots.map((node) => ({ node, done: false }));
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.done) {
      top.node.children.sort(order);
      top.node.totals = top.node.children.reduce((t, c) => addTotals(t, c.totals), top.node.own);
      continue;
    }
    stack.push({ node: top.node, done: true });
    for (const c of top.node.children) stack.push({ node: c, done: false });
  }
  return roots.sort(order);
}

/** Every node of a forest (pre-order), for counting and tests. */
export function flatten(roots: TreeNode[]): TreeNode[] {
  const out: TreeNode[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}
