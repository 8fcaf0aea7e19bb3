import type { ComponentChildren } from 'preact';
import { useFocusOnMount } from '../../../hooks/useFocusOnMount';

/**
 * A button that hides while what it opens is shown (a form): when it comes back after that closed, it takes the
 * focus again (`returning`), so the keyboard is not left on the page's body with the closed form's button.
 */
export function FocusReturnButton({
  returning,
  class: className,
  onClick,
  children,
}: {
  returning: boolean;
  class: string;
  onClick: () => void;
  children: ComponentChildren;
}) {
  const button = useFocusOnMount<HTMLButtonElement>(returning);
  return (
    <button ref={button} type="button" class={className} onClick={onClick}>
      {children}
    </button>
  );
}
