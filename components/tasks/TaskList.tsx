"use client";
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { StreetPlace, TaskRow } from "@/lib/tasks/queries";
import { StatusBadge, UrgencyBadge } from "./Badges";
import { BulkForm } from "./BulkForm";

/** One task as a card: status, overdue/countdown, point, place and deadline — readable on a phone. */
export function TaskCard({ task, selectable, reserve, checked, onToggle }: { task: TaskRow; selectable?: boolean; reserve?: boolean; checked?: boolean; onToggle?: () => void }) {
  const t = useTranslations("tasks");
  return (
    <li
      className={`flex gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ${task.urgency.overdue ? "ring-red-200" : "ring-gray-100"}`}
      data-testid={`task-row-${task.id}`}
      data-task-id={task.id}
      data-status={task.status}
      data-overdue={task.urgency.overdue ? "1" : "0"}
    >
      {!selectable && reserve && <span aria-hidden className="w-5 shrink-0" />}
      {selectable && (
        <input
          type="checkbox"
          className="mt-1 h-5 w-5 shrink-0 rounded border-gray-300 text-red-700 focus:ring-red-600"
          checked={checked}
          onChange={onToggle}
          aria-label={t("list.select", { id: task.id })}
          data-testid={`select-${task.id}`}
        />
      )}
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-1.5">
          <StatusBadge status={task.status} />
          <UrgencyBadge u={task.urgency} testId={`urgency-${task.id}`} />
          <span className="text-xs text-gray-500">{t(`type.${task.type}`)}</span>
          <span className="ml-auto text-xs text-gray-600 tabular">#{task.id}</span>
        </div>
        <Link href={`/tasks/${task.id}`} className="mt-1 block text-base font-medium text-gray-900 hover:text-red-800" data-testid={`task-link-${task.id}`}>
          {task.pointName}
        </Link>
        <p className="line-clamp-2 text-sm text-gray-600">{task.description}</p>
        <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-gray-500">
          <span>{t("list.place", { street: task.streetName, community: task.communityName })}</span>
          <span className={task.urgency.overdue ? "font-medium text-red-700" : undefined}>{t("list.deadline", { date: task.deadline })}</span>
        </p>
      </div>
    </li>
  );
}

/** The list, with checkboxes and the bulk bar for 文明办 (reassign / extend the selected tasks). */
export function TaskList({ items, canBulk, streets, today }: { items: TaskRow[]; canBulk: boolean; streets: StreetPlace[]; today: string }) {
  const t = useTranslations("tasks");
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const toggle = (id: number) =>
    setPicked((p) => {
      const n = new Set(p);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const selectable = items.filter((i) => i.status !== "closed");
  const allOn = selectable.length > 0 && selectable.every((i) => picked.has(i.id));
  const chosen = items.filter((i) => picked.has(i.id)).map((i) => ({ id: i.id, version: i.version }));
  return (
    <div className="space-y-3">
      {canBulk && selectable.length > 0 && (
        <label className="flex items-center gap-2 text-sm text-gray-700">
          <input
            type="checkbox"
            className="h-5 w-5 rounded border-gray-300 text-red-700 focus:ring-red-600"
            checked={allOn}
            onChange={() => setPicked(allOn ? new Set() : new Set(selectable.map((i) => i.id)))}
            data-testid="select-all"
          />
          {t("list.selectAll")}
        </label>
      )}
      <ul className="space-y-2" data-testid="task-list">
        {items.map((task) => (
          <TaskCard key={task.id} task={task} reserve={canBulk} selectable={canBulk && task.status !== "closed"} checked={picked.has(task.id)} onToggle={() => toggle(task.id)} />
        ))}
      </ul>
      {canBulk && <BulkForm items={chosen} streets={streets} today={today} onDone={() => setPicked(new Set())} sticky />}
    </div>
  );
}
