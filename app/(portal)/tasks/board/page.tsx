import { Board } from "@/components/tasks/Board";
import { TaskFilters } from "@/components/tasks/TaskFilters";
import { TaskHeader } from "@/components/tasks/TaskHeader";
import { requireArea } from "@/lib/auth/session";
import { getPlaces, getTaskBoard } from "@/lib/tasks/queries";
import { parseTaskFilters } from "@/lib/tasks/schema";

/** 看板: the scope's tasks by status, most urgent on top of each column. */
export default async function TaskBoardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("tasks");
  const { filters } = parseTaskFilters(await searchParams);
  const [board, streets] = await Promise.all([getTaskBoard({ user, filters }), getPlaces({ user })]);
  return (
    <div className="space-y-4" data-testid="tasks-board-page">
      <TaskHeader user={user} active="board" />
      <TaskFilters action="/tasks/board" filters={{ ...filters, status: undefined }} streets={streets} showStatus={false} />
      <Board columns={board.columns} filters={{ ...filters, status: undefined }} />
    </div>
  );
}
