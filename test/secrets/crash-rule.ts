/**
 * Preloaded into a language server (`node --require`) by server.test.ts: makes the rule
 * `latest-tag` throw an error whose message quotes the checked text, as a parser's error would,
 * so that the test can check what the server says about a crash.
 */
import { ruleById } from '../../server/src/rules/index';

const rule = ruleById('latest-tag');
if (rule) {
  const crash = (context: { text: string }): never => {
    throw new SyntaxError(`Unexpected token in ${JSON.stringify(context.text)}`);
  };
  rule.checkDockerfile = crash;
  rule.checkKubernetes = crash;
}
