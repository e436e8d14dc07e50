"use client";
import Link from "next/link";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { BoardItem } from "@/lib/dispatch/queries";
import type { DemandState } from "@/lib/dispatch/rules";

const COLUMNS: DemandState[] = ["posted", "dispatched", "accepted", "completed", "rated", "rewarded", "cancelled"];
/** Finished: the card says when, not how long it "waited". */
const FINISHED: DemandState[] = ["completed", "rated", "rewarded", "cancelled"];
export const POLL_MS = 3000;
/** Cards shown per column before "show more" (keeps a phone's page short). */
const PAGE = 20;
const shortDate = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });

/**
 * The dispatch board: columns by state, refreshed without reloading by polling the JSON feed
 * (/api/v1/demands) every few seconds with TanStack Query. The QueryClient is scoped to the board.
 */
export function Board({ initial, query }: { initial: BoardItem[]; query: string }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: true, retry: 1 } } }));
  return (
    <QueryClientProvider client={client}>
      <Columns initial={initial} query={query} />
    </QueryClientProvider>
  );
}

export function useDuration() {
  const t = useTranslations("dispatch");
  return (min: number) => {
    if (min < 60) return t("time.minutes", { n: min });
    if (min < 1440) return t("time.hours", { h: Math.floor(min / 60), m: min % 60 });
    return t("time.days", { d: Math.floor(min / 1440), h: Math.floor((min % 1440) / 60) });
  };
}

function Columns({ initial, query }: { initial: BoardItem[]; query: string }) {
  const t = useTranslations("dispatch");
  const dur = useDuration();
  const q = useQuery({
    queryKey: ["demands", query],
    queryFn: async () => {
      const r = await fetch(`/api/v1/demands${query ? `?${query}` : ""}`, { cache: "no-store" });
      if (!r.ok) throw new Error(String(r.status));
      return (await r.json()) as { items: BoardItem[]; at: string };
    },
    initialData: { items: initial, at: new Date().toISOString() },
    initialDataUpdatedAt: 0,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
  const items = q.data.items;
  const counts = Object.fromEntries(COLUMNS.map((s) => [s, items.filter((d) => d.state === s).length])) as Record<DemandState, number>;
  // On a phone the board is one list with a state filter; wider screens show every column.
  const [pick, setPick] = useState<DemandState>(() => COLUMNS.find((s) => counts[s] > 0 && !FINISHED.includes(s)) ?? "posted");
  const [shown, setShown] = useState<Partial<Record<DemandState, number>>>({});
  const at = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(new Date(q.data.at));
  return (
    <div>
      <p className="mb-2 text-xs text-gray-500" aria-live="polite" data-testid="board-live">
        {q.isError ? <span className="text-red-700">{t("board.offline")}</span> : t("board.live", { seconds: POLL_MS / 1000, time: at })}
      </p>
      <div role="group" aria-label={t("board.filter")} className="mb-2 flex flex-wrap gap-1 sm:hidden" data-testid="board-state-filter">
        {COLUMNS.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={pick === s}
            onClick={() => setPick(s)}
            className={`rounded-full px-3 py-1 text-sm ring-1 ${pick === s ? "bg-red-700 text-white ring-red-700" : "bg-white text-gray-800 ring-gray-300"}`}
            data-testid={`board-filter-${s}`}
          >
            {t(`states.${s}`)} <span className="tabular">{counts[s]}</span>
          </button>
        ))}
      </div>
      <div className="flex flex-col gap-3 pb-2 sm:flex-row sm:items-start sm:overflow-x-auto" data-testid="dispatch-board">
        {COLUMNS.map((s) => {
          const all = items.filter((d) => d.state === s);
          const limit = shown[s] ?? PAGE;
          const list = all.slice(0, limit);
          return (
            <section key={s} className={`${pick === s ? "block" : "hidden"} w-full shrink-0 rounded-lg bg-gray-100 p-2 sm:block sm:w-64`} data-testid={`column-${s}`} aria-label={t(`states.${s}`)}>
              <h2 className="mb-2 flex justify-between text-sm font-semibold text-gray-700">
                <span>{t(`states.${s}`)}</span>
                <span className="tabular text-gray-600">{t("board.count", { n: all.length })}</span>
              </h2>
              <ul className="space-y-2">
                {list.length === 0 && <li className="py-4 text-center text-xs text-gray-600">{t("board.empty")}</li>}
                {list.map((d) => (
                  <li key={d.id}>
                    <Link
                      href={`/dispatch/${d.id}`}
                      className={`block rounded-md bg-white p-2 text-sm shadow-sm ring-1 hover:ring-red-400 ${d.overdue ? "ring-red-500" : "ring-gray-200"}`}
                      data-testid="demand-card"
                      data-reference={d.reference}
                      data-state={d.state}
                    >
                      <div className="flex items-center justify-between gap-1">
                        <span className="rounded bg-red-50 px-1.5 text-xs text-red-800">{t(`categories.${d.category}`)}</span>
                        <span className="tabular text-xs text-gray-600">{d.reference}</span>
                      </div>
                      <p className="mt-1 line-clamp-2 text-gray-900">{d.description}</p>
                      <p className="mt-1 text-xs text-gray-600">
                        {d.communityName}
                        {d.teamName ? ` · ${d.teamName}` : ""}
                      </p>
                      <p className="mt-1 flex flex-wrap items-center gap-1 text-xs">
                        <span className="text-gray-600" data-testid="card-waiting">
                          {FINISHED.includes(d.state) ? t("board.doneAt", { date: shortDate.format(new Date(d.since)), state: t(`states.${d.state}`) }) : t("board.waiting", { time: dur(d.waitingMinutes) })}
                        </span>
                        {d.overdue && (
                          <span className="rounded bg-red-700 px-1 text-white" data-testid="card-overdue">
                            {t("board.overdue")}
                          </span>
                        )}
                        {d.openForGrab && d.state === "posted" && <span className="rounded bg-amber-100 px-1 text-amber-900">{t("board.grab")}</span>}
                      </p>
                    </Link>
                  </li>
                ))}
              </ul>
              {all.length > limit && (
                <button type="button" onClick={() => setShown((m) => ({ ...m, [s]: limit + PAGE }))} className="mt-2 w-full rounded-md bg-white py-1.5 text-sm text-red-800 ring-1 ring-gray-200" data-testid={`column-more-${s}`}>
                  {t("board.more", { n: Math.min(PAGE, all.length - limit) })}
                </button>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
