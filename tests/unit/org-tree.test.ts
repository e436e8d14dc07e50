import { describe, expect, it } from "vitest";
import { buildTree, type FlatNode, flatten, levelFits, wouldCycle } from "@/lib/organizations/tree";

const own = (members: number, verifiedHours: number, activities: number, activeProjects = 0) => ({ members, verifiedHours, activities, activeProjects });
const node = (id: number, parentId: number | null, level: FlatNode["level"], o = own(0, 0, 0)): FlatNode => ({ id, name: `n${id}`, level, parentId, regionCode: "370285", own: o });

describe("tree roll-up", () => {
  // 总队 1 → 分队 2, 3 → 小队 4, 5 (under 2), 6 (under 3); 7 is orphaned (parent not loaded)
  const nodes = [
    node(1, null, "corps", own(1, 1.5, 0)),
    node(2, 1, "division", own(2, 0, 1)),
    node(3, 1, "division", own(0, 10, 0, 1)),
    node(4, 2, "team", own(10, 20.25, 2, 1)),
    node(5, 2, "team", own(5, 4.25, 1)),
    node(6, 3, "team", own(7, 0.1, 3)),
    node(7, 99, "team", own(3, 3, 3)),
  ];
  const roots = buildTree(nodes);

  it("a node's totals are its own plus all its descendants'", () => {
    const one = roots.find((r) => r.id === 1)!;
    expect(one.totals).toEqual({ members: 25, verifiedHours: 36.1, activities: 7, activeProjects: 2 });
    const two = one.children.find((c) => c.id === 2)!;
    expect(two.totals).toEqual({ members: 17, verifiedHours: 24.5, activities: 4, activeProjects: 1 });
    expect(two.children.map((c) => c.id)).toEqual([4, 5]);
  });

  it("the roots' totals equal the flat sums of every node (nothing lost, nothing counted twice)", () => {
    const sum = roots.reduce((s, r) => s + r.totals.members, 0);
    expect(sum).toBe(nodes.reduce((s, n) => s + n.own.members, 0));
    expect(flatten(roots)).toHaveLength(nodes.length);
    expect(roots.map((r) => r.id).sort()).toEqual([1, 7]);
  });

  it("survives a loop in the data: every node placed once", () => {
    const loop = buildTree([node(1, 2, "other", own(1, 0, 0)), node(2, 1, "other", own(1, 0, 0)), node(3, 2, "team", own(1, 0, 0))]);
    expect(flatten(loop)).toHaveLength(3);
    expect(loop.reduce((s, r) => s + r.totals.members, 0)).toBe(3);
  });
});

describe("cycle and level rules", () => {
  const parent = new Map<number, number | null>([[1, null], [2, 1], [3, 2], [4, null]]);
  const parentOf = (n: number) => parent.get(n) ?? null;
  it("refuses a node under itself or under a descendant", () => {
    expect(wouldCycle(1, 1, parentOf)).toBe(true);
    expect(wouldCycle(1, 3, parentOf)).toBe(true);
    expect(wouldCycle(2, 3, parentOf)).toBe(true);
  });
  it("allows a move elsewhere and a detach", () => {
    expect(wouldCycle(3, 4, parentOf)).toBe(false);
    expect(wouldCycle(2, null, parentOf)).toBe(false);
    expect(wouldCycle(4, 3, parentOf)).toBe(false);
  });
  it("levels: 分队 under 总队, 小队 under 分队 or 总队, never upwards; 其他 anywhere", () => {
    expect(levelFits("corps", "division")).toBe(true);
    expect(levelFits("division", "team")).toBe(true);
    expect(levelFits("corps", "team")).toBe(true);
    expect(levelFits("team", "division")).toBe(false);
    expect(levelFits("division", "corps")).toBe(false);
    expect(levelFits("team", "team")).toBe(false);
    expect(levelFits("other", "corps")).toBe(true);
    expect(levelFits("team", "other")).toBe(true);
  });
});
