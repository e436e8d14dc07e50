/** A task photo served by the authorized route (never a public URL), as a fixed-ratio thumbnail. */
export function PhotoThumb({ id, alt, className = "", testId }: { id: number; alt: string; className?: string; testId?: string }) {
  const src = `/api/v1/task-photos/${id}`;
  return (
    <a href={src} target="_blank" rel="noopener" className={`block overflow-hidden rounded-md bg-gray-100 ring-1 ring-gray-200 ${className}`} data-testid={testId} data-photo-id={id}>
      {/* eslint-disable-next-line @next/next/no-img-element -- private, authorized images: no optimizer cache */}
      <img src={src} alt={alt} loading="lazy" className="aspect-[4/3] h-full w-full object-cover" />
    </a>
  );
}
