"use client";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Notice } from "./Notice";

/**
 * A form bound to a server action (`serverAction` / `publicAction`) through `useActionState`: the
 * action's refusal (or a success message it returns) shows above the fields; a success that
 * navigates (`redirect`) simply leaves the page. The answer of an earlier submission is hidden as
 * soon as the form is sent again.
 */
export function ActionForm({
  action,
  children,
  className,
  id,
  testId,
}: {
  action: (state: ActionState, fd: FormData) => Promise<ActionState>;
  children: React.ReactNode;
  className?: string;
  id?: string;
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const [hidden, setHidden] = useState<number | undefined>(undefined);
  const show = state.status !== "idle" && state.message && state.at !== hidden;
  return (
    <form action={formAction} onSubmit={() => setHidden(state.at)} className={className} id={id} data-testid={testId}>
      {show && <Notice tone={state.status === "ok" ? "ok" : "error"}>{state.message}</Notice>}
      {children}
    </form>
  );
}

/**
 * For forms that show a refusal next to its field: the message when the answer is about `field`
 * (the first of its `fields` this form has; `list.2` is about `list`), or about none of `known` when `field` is "form".
 */
export function errorFor(state: ActionState, field: string, known: readonly string[]): string | undefined {
  if (state.status !== "error") return undefined;
  const about = state.fields?.map((f) => f.split(".")[0]!).find((f) => known.includes(f)) ?? "form";
  return about === field ? state.message : undefined;
}
