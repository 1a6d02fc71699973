/**
 * The phone filter drawer's behaviour: open and close, focus moved in and back out, Tab kept inside while open,
 * Esc closes, and the page behind does not scroll.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export function useFilterDrawer() {
  const [isOpen, setIsOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const openButton = useRef<HTMLAnchorElement>(null);
  const closeButton = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    const previous = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    closeButton.current?.focus();
    return () => {
      document.body.style.overflow = previous;
    };
  }, [isOpen]);

  function close() {
    setIsOpen(false);
    requestAnimationFrame(() => openButton.current?.focus());
  }

  function onKeyDown(event: KeyboardEvent) {
    if (!isOpen) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = [
      ...panel.current.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea'),
    ].filter((el) => el.offsetParent !== null);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  return { isOpen, open: () => setIsOpen(true), close, onKeyDown, panel, openButton, closeButton };
}
