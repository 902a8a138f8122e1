// A household form's input measured against what the worker saw when they began (the form's
// base), not against what the page shows now: after a colleague's change and "Laad de nieuwe
// gegevens" the page shows the colleague's values, and only what the worker edited is theirs.

/** A form's values: every field as typed. */
type Values<V> = Record<keyof V, string>;

/** The fields the worker changed from the values the form started from. */
export function editedFields<V extends Values<V>>(typed: V, base: V): (keyof V)[] {
  return (Object.keys(typed) as (keyof V)[]).filter((key) => typed[key] !== base[key]);
}

/**
 * The input on top of newer values (read again after a conflict): a field the worker left as it
 * was takes the newer value; a field they edited keeps what they typed.
 */
export function rebaseValues<V extends Values<V>>(typed: V, base: V, newer: V): V {
  const edited = new Set(editedFields(typed, base));
  const next = { ...typed };
  for (const key of Object.keys(newer) as (keyof V)[]) {
    if (!edited.has(key)) next[key] = newer[key];
  }
  return next;
}
