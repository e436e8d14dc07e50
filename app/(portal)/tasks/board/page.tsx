import { Board } from "@/components/tasks/Board";
import { TaskFilters } from "@/components/tasks/TaskFilters";
import { TaskHeader } from "@/components/tasks/TaskHeader";
import { requirePage } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/search-params";
import { getPlaces, getTaskBoard, getTaskSummary } from "@/lib/tasks/queries";
import { parseTaskFilters } from "@/lib/tasks/schema";

/** 看板: the scope's tasks by status, most urgent on top of each column. */
export default async function TaskBoardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { actor, db } = await requirePage("tasks");
  const { filters } = parseTaskFilters(await searchParams);
  const [board, streets, summary] = await Promise.all([getTaskBoard(db, actor, { filters }), getPlaces(db, actor), getTaskSummary(db, actor)]);
  return (
    <div className="space-y-4" data-testid="tasks-board-page">
      <TaskHeader user={actor} summary={summary} active="board" />
      <TaskFilters action="/tasks/board" filters={{ ...filters, status: undefined }} streets={streets} showStatus={false} />
      <Board columns={board.columns} filters={{ ...filters, status: undefined }} />
    </div>
  );
}
