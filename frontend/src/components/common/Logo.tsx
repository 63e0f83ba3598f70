export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <circle cx="16" cy="16" r="14" fill="none" stroke="#818cf8" strokeWidth="3" />
      <circle cx="16" cy="16" r="8" fill="none" stroke="#a5b4fc" strokeWidth="3" />
      <circle cx="16" cy="16" r="3" fill="#c7d2fe" />
    </svg>
  );
}
