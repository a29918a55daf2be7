/**
 * Views computed once per parsed object: rules and the workspace index ask the same questions of
 * one model (its images, its package commands), and the first answer serves them all.
 */

/**
 * `compute` wrapped so that it runs once per key object; the answer is kept as long as the key
 * lives. Answers are shared, so they must not be changed by callers (hence `Readonly` results).
 */
export function oncePer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const answers = new WeakMap<K, V>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as V;
    const answer = compute(key);
    answers.set(key, answer);
    return answer;
  };
}
