import { splitHidden } from './hidden-chars';

type VisibleNameProps = { name: string };

/**
 * A file or artifact name with its hidden characters shown as marked ⟨U+XXXX⟩ badges instead
 * of acting: a right-to-left override cannot reorder the name, a zero-width or edge space
 * cannot hide. Isolated (<bdi>) so that right-to-left names do not reorder what is around them.
 */
export function VisibleName({ name }: VisibleNameProps) {
  const parts = splitHidden(name);
  if (parts.length === 1 && parts[0]?.kind === 'text') return <bdi>{name}</bdi>;
  return (
    <bdi>
      {parts.map((part, k) =>
        part.kind === 'text' ? (
          <span key={k}>{part.text}</span>
        ) : (
          <abbr
            key={k}
            title={part.label}
            className="mx-px rounded-sm bg-amber-200 px-0.5 font-mono text-[0.75em] text-amber-950 no-underline dark:bg-amber-800 dark:text-amber-50"
          >
            {`⟨${part.label.split(' ')[0] ?? ''}⟩`}
          </abbr>
        ),
      )}
    </bdi>
  );
}
