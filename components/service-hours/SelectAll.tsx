"use client";
import { useEffect, useRef, useState } from "react";

/**
 * "全选本页": ticks or clears every `name` checkbox of the form it sits in, and says how many are
 * ticked ("已选 3 / 50 条"). Ticking a row by hand updates both (mixed → indeterminate).
 */
export function SelectAll({ name, label, countText, testId = "select-all" }: { name: string; label: string; countText: string; testId?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const [state, setState] = useState({ picked: 0, of: 0 });
  const boxes = () => Array.from(ref.current?.form?.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${name}"]`) ?? []);
  useEffect(() => {
    const form = ref.current?.form;
    const sync = () => {
      const all = boxes();
      const picked = all.filter((b) => b.checked).length;
      setState({ picked, of: all.length });
      if (ref.current) {
        ref.current.checked = all.length > 0 && picked === all.length;
        ref.current.indeterminate = picked > 0 && picked < all.length;
      }
    };
    sync();
    form?.addEventListener("change", sync);
    return () => form?.removeEventListener("change", sync);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name]);
  return (
    <span className="inline-flex items-center gap-2 text-sm">
      <label className="inline-flex items-center gap-1">
        <input
          ref={ref}
          type="checkbox"
          data-testid={testId}
          onChange={(e) => {
            for (const b of boxes()) b.checked = e.currentTarget.checked;
          }}
        />
        {label}
      </label>
      <span className="text-gray-600" aria-live="polite" data-testid={`${testId}-count`}>
        {countText.replace("{picked}", String(state.picked)).replace("{of}", String(state.of))}
      </span>
    </span>
  );
}
