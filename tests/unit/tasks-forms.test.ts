import { describe, expect, it } from "vitest";
import { formToObject } from "@/lib/auth/action";
import { BulkForm, CreateTaskForm, parseTaskFilters, TransitionForm } from "@/lib/tasks/schema";

/** The task pages' forms as the server actions read them: FormData → formToObject → the schema. */
const fd = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return formToObject(f);
};

describe("TransitionForm", () => {
  it("reads one, several or no photo ids, and treats an empty note as absent", () => {
    expect(TransitionForm.parse(fd([["id", "7"], ["to", "submitted"], ["version", "3"], ["note", "已清理"], ["photoIds", "11"]]))).toMatchObject({ id: 7, version: 3, photoIds: [11], note: "已清理" });
    expect(TransitionForm.parse(fd([["id", "7"], ["to", "submitted"], ["version", "3"], ["photoIds", "11"], ["photoIds", "12"]])).photoIds).toEqual([11, 12]);
    const none = TransitionForm.parse(fd([["id", "7"], ["to", "returned"], ["version", "4"], ["note", ""]]));
    expect(none.photoIds).toEqual([]);
    expect(none.note).toBeUndefined();
  });

  it("refuses a bad task id or a missing version with a Chinese message naming the field", () => {
    const bad = TransitionForm.safeParse(fd([["id", "x"], ["to", "closed"], ["version", "2"]]));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ["id"], message: "任务编号无效" });
    const stale = TransitionForm.safeParse(fd([["id", "7"], ["to", "closed"]]));
    expect(stale.error!.issues[0]).toMatchObject({ path: ["version"], message: "version 缺失或无效，请刷新页面后重试" });
  });
});

describe("BulkForm", () => {
  it("turns the selected id:version pairs into items", () => {
    const r = BulkForm.parse(fd([["action", "extend"], ["items", "5:2"], ["items", "6:1"], ["deadline", "2099-01-01"], ["reason", "雨雪天气"]]));
    expect(r).toMatchObject({ action: "extend", items: [{ id: 5, version: 2 }, { id: 6, version: 1 }], deadline: "2099-01-01" });
  });

  it("asks for the action when none is chosen, and for a deadline when it is empty", () => {
    const noAction = BulkForm.safeParse(fd([["items", "5:2"], ["reason", "x"]]));
    expect(noAction.error!.issues[0]!.message).toBe("请选择批量操作：改派或延期");
    const noDeadline = BulkForm.safeParse(fd([["action", "extend"], ["items", "5:2"], ["deadline", ""], ["reason", "x"]]));
    expect(noDeadline.error!.issues[0]).toMatchObject({ path: ["deadline"], message: "请填写新的整改期限" });
  });
});

describe("CreateTaskForm and the list filters", () => {
  it("reads the before-photo ids like the API body", () => {
    const r = CreateTaskForm.parse(fd([["type", "小广告"], ["pointName", "站牌"], ["description", "张贴"], ["streetCode", "370285001"], ["communityCode", "370285001001"], ["deadline", "2099-01-01"], ["photoIds", "3"]]));
    expect(r).toMatchObject({ type: "flyposting", photoIds: [3], assignNow: false });
  });

  it("keeps the good filters, drops a bad one with its message, and ignores a value with a control character", () => {
    expect(parseTaskFilters({ status: "closed", page: "2" })).toEqual({ filters: expect.objectContaining({ status: "closed", page: 2, pageSize: 20 }), error: null });
    const bad = parseTaskFilters({ status: "closed", overdue: "maybe" });
    expect(bad.filters).toMatchObject({ status: "closed", overdue: undefined });
    expect(bad.error).toContain("overdue");
    expect(parseTaskFilters({ q: "a\u0000b" }).filters.q).toBeUndefined();
  });
});
