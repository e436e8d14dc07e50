/** A card of the volunteer's own page (/me), phone-first: full width, one column. */
export function MeSection({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <section id={id} className="scroll-mt-4 rounded-xl bg-white p-4 shadow-sm" aria-labelledby={`${id}-title`} data-testid={`me-section-${id}`}>
      <h2 id={`${id}-title`} className="mb-2 text-lg font-semibold text-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm">
      <p className="text-xs text-gray-500">{label}</p>
      <p className="text-xl font-bold text-gray-900" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}
