// Hover that teaches (issue 4): what CMD and ENTRYPOINT make this stage run,
// and instruction docs.
import * as assert from 'node:assert/strict';
import { hovers, markdownOf, openWorkspaceFile, poll, positionOf, waitForServer } from './helpers';

async function hoverAt(file: string, needle: string, nth = 1): Promise<string> {
  const doc = await openWorkspaceFile(file);
  const pos = positionOf(doc, needle, 1, nth);
  return markdownOf(await poll(() => hovers(doc, pos), (h) => markdownOf(h).trim().length > 0));
}

suite('Hover', () => {
  suiteSetup(waitForServer);

  test('CMD in an ENTRYPOINT + CMD stage says the image runs "python app.py"', async () => {
    const text = await hoverAt('api.Dockerfile', 'CMD ["app.py"]');
    assert.match(text, /python app\.py/, `hover over CMD:\n${text}`);
  });

  test('ENTRYPOINT in the same stage says the same effective command', async () => {
    const text = await hoverAt('api.Dockerfile', 'ENTRYPOINT ["python"]');
    assert.match(text, /python app\.py/, `hover over ENTRYPOINT:\n${text}`);
  });

  test('CMD under a shell-form ENTRYPOINT warns that it is ignored and names /bin/sh -c', async () => {
    const text = await hoverAt('Dockerfile.dev', 'CMD ["--debug"]');
    assert.match(text, /ignor/i, `hover over CMD:\n${text}`);
    assert.match(text, /\/bin\/sh -c/, `hover over CMD:\n${text}`);
  });

  test('RUN explains that it adds a layer and links to the Dockerfile reference', async () => {
    const text = await hoverAt('Dockerfile', 'RUN pip install');
    assert.match(text, /layer/i, `hover over RUN:\n${text}`);
    assert.match(text, /docs\.docker\.com/, `hover over RUN:\n${text}`);
  });
});
