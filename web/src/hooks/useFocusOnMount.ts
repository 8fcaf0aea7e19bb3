import { useEffect, useRef } from 'preact/hooks';

/**
 * A ref whose element takes the keyboard focus when it appears (when `enabled`): the first field of a step,
 * or what replaces the button the user just pressed, so the focus is not lost with that button.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const element = useRef<T>(null);
  useEffect(() => {
    if (enabled) element.current?.focus();
  }, [enabled]);
  return element;
}
