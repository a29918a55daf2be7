/** Where each rule's documentation page lives; the page is `docs/rules/<id>.md` in the repository. */
export const DOCS_BASE_URL = 'https://github.com/kubeready/kubeready/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
