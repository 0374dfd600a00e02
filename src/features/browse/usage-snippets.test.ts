import { describe, expect, it } from 'vitest';
import { cliGetSnippet, s3StoreUrl, sdkSnippet, wandbPutSnippet } from './usage-snippets';

const version = { project: 'example', artifactName: 'classifier', index: 3, type: 'model', digest: 'a3f1c2d4e5f60718293a4b5c6d7e8f90' };
const rgw = { kind: 's3', endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', bucket: 'team-artifacts', prefix: 'ml/vision/' } as const;

describe('s3StoreUrl', () => {
  it('names the bucket and prefix without a trailing slash', () => {
    expect(s3StoreUrl(rgw)).toBe('s3://team-artifacts/ml/vision');
    expect(s3StoreUrl({ ...rgw, prefix: '' })).toBe('s3://team-artifacts');
  });
});

describe('cliGetSnippet', () => {
  it('downloads exactly this version from the same bucket, with the endpoint and region but no secrets', () => {
    expect(cliGetSnippet(version, rgw)).toBe(
      [
        'export AWS_ENDPOINT_URL_S3=http://127.0.0.1:7480',
        'export AWS_REGION=us-east-1',
        '# and your keys: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)',
        'artifact-studio get example/classifier:v3 --root ./classifier-v3 --store s3://team-artifacts/ml/vision',
        '',
      ].join('\n'),
    );
  });

  it('quotes what a shell would otherwise split or expand', () => {
    const snippet = cliGetSnippet(version, { ...rgw, endpoint: 'https://s3.example.com/a b' });
    expect(snippet).toContain("export AWS_ENDPOINT_URL_S3='https://s3.example.com/a b'");
  });
});

describe('sdkSnippet', () => {
  it('inits a run on the same store, uses this version and downloads it', () => {
    expect(sdkSnippet(version, rgw)).toBe(
      [
        "import { init } from 'artifact-studio';",
        '',
        `const run = await init({ project: "example", jobType: 'use-artifact', store: "s3://team-artifacts/ml/vision" });`,
        'const version = await run.useArtifact("example/classifier:v3");',
        'await version.download("./classifier-v3");',
        'await run.finish();',
        '',
      ].join('\n'),
    );
  });
});

describe('wandbPutSnippet', () => {
  it('logs the downloaded folder under the same name and type', () => {
    expect(wandbPutSnippet(version)).toBe('wandb artifact put --name example/classifier --type model ./classifier-v3\n');
  });
});
