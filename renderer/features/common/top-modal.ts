/**
 * Which MUI modal (a dialog, a menu, a popover) is on top, as MUI's ModalManager leaves it: while
 * one is open, every other child of the body, the app's frame and any modal under it, carries
 * aria-hidden="true", so the top modal is the one open modal root the sweep left visible.
 * What must reach a screen reader while a modal is open belongs inside it (save-toast.tsx).
 */
import { modalClasses } from '@mui/material/Modal';
import { useSyncExternalStore } from 'react';

/** The open, not aria-hidden modal root among the body's children, or null when none is open. */
export function topModal(doc: Document): HTMLElement | null {
  const open = Array.from(doc.body.children).filter(
    (el): el is HTMLElement =>
      el instanceof HTMLElement &&
      el.classList.contains(modalClasses.root) &&
      // A closed modal kept mounted stays in the body, hidden.
      !el.classList.contains(modalClasses.hidden) &&
      el.getAttribute('aria-hidden') !== 'true',
  );
  return open.at(-1) ?? null;
}

/**
 * Modals open and close by adding and removing body children (their portals) and by ModalManager
 * setting aria-hidden on those children; only that is watched, not every change in the page.
 */
function subscribe(onChange: () => void): () => void {
  const body = document.body;
  const observer = new MutationObserver(() => {
    watch();
    onChange();
  });
  function watch() {
    observer.observe(body, { childList: true });
    // Observing a node again only replaces its options: new children are picked up, none doubled.
    for (const child of Array.from(body.children)) {
      observer.observe(child, { attributes: true, attributeFilter: ['aria-hidden', 'class'] });
    }
  }
  watch();
  return () => observer.disconnect();
}

const snapshot = () => topModal(document);

/** The top open modal's root element, or null; re-renders when it changes. */
export function useTopModal(): HTMLElement | null {
  return useSyncExternalStore(subscribe, snapshot);
}
