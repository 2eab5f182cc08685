// The REST API's reference page, from its OpenAPI document: every operation with its scope,
// parameters, body and answer, and every problem type (the anchors the problems' `type` point at).

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  "x-required-scope"?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};
type Doc = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

function SchemaBlock({ schema, label }: { schema: Schema; label: string }) {
  return (
    <details className="mt-2 rounded-md border bg-muted/40">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{label}</summary>
      <pre className="overflow-x-auto px-3 pb-3 text-xs leading-relaxed">{json(schema)}</pre>
    </details>
  );
}

export function ApiReference({ doc, problems }: { doc: Doc; problems: Record<string, { status: number; title: string }> }) {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <article className="space-y-10">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{doc.info.title}</h1>
        <p className="text-sm text-muted-foreground">
          Version {doc.info.version} ·{" "}
          <a className="font-medium text-primary underline underline-offset-4" href="/api/v1/openapi.json">
            OpenAPI 3.1 document
          </a>
        </p>
        {doc.info.description?.split("\n\n").map((p) => (
          <p key={p} className="text-muted-foreground">
            {p}
          </p>
        ))}
      </header>

      <section aria-labelledby="operations" className="space-y-6">
        <h2 id="operations" className="text-xl font-semibold">
          Operations
        </h2>
        {operations.map(({ path, method, op }) => {
          const body = op.requestBody ? Object.values(op.requestBody.content)[0]?.schema : undefined;
          return (
            <section
              key={op.operationId}
              id={op.operationId}
              aria-labelledby={`${op.operationId}-title`}
              className="scroll-mt-8 rounded-xl border bg-card p-4 sm:p-6"
            >
              <h3 id={`${op.operationId}-title`} className="text-lg font-semibold">
                {op.summary}
              </h3>
              <p className="mt-1 break-all font-mono text-sm">
                <span className="mr-2 rounded bg-primary px-1.5 py-0.5 text-xs font-semibold text-primary-foreground">{method.toUpperCase()}</span>
                {path}
              </p>
              <p className="mt-2 text-sm text-muted-foreground">
                Scope: <strong className="text-foreground">{op["x-required-scope"]}</strong> · operationId <code>{op.operationId}</code>
              </p>
              {op.description ? <p className="mt-2 text-sm">{op.description}</p> : null}
              {op.parameters?.length ? (
                <div className="mt-3 overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">Parameters of {op.operationId}</caption>
                    <thead>
                      <tr className="border-b">
                        <th scope="col" className="py-1 pr-3 font-medium">
                          Parameter
                        </th>
                        <th scope="col" className="py-1 pr-3 font-medium">
                          In
                        </th>
                        <th scope="col" className="py-1 font-medium">
                          Description
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {op.parameters.map((p) => (
                        <tr key={`${p.in}-${p.name}`} className="border-b last:border-0">
                          <td className="py-1 pr-3 font-mono">
                            {p.name}
                            {p.required ? " *" : ""}
                          </td>
                          <td className="py-1 pr-3">{p.in}</td>
                          <td className="py-1 text-muted-foreground">{p.description ?? (p.schema?.description as string | undefined) ?? ""}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              {body ? <SchemaBlock schema={body} label="Request body (application/json)" /> : null}
              <ul className="mt-3 space-y-1 text-sm">
                {Object.entries(op.responses).map(([status, r]) => (
                  <li key={status}>
                    <span className="font-mono font-semibold">{status}</span> {r.description}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </section>

      <section aria-labelledby="schemas" className="space-y-3">
        <h2 id="schemas" className="text-xl font-semibold">
          Schemas
        </h2>
        {Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`}>
            <SchemaBlock schema={schema} label={name} />
          </div>
        ))}
      </section>

      <section aria-labelledby="problems" className="space-y-3">
        <h2 id="problems" className="text-xl font-semibold">
          Problems
        </h2>
        <p className="text-sm text-muted-foreground">
          Every error is <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code> and{" "}
          <code>detail</code>; invalid input also lists <code>errors</code> (each a <code>path</code> and a <code>message</code>).
        </p>
        <dl className="space-y-2 text-sm">
          {Object.entries(problems).map(([code, p]) => (
            <div key={code} id={`problem-${code}`} className="scroll-mt-8">
              <dt className="font-mono font-semibold">
                {p.status} {code}
              </dt>
              <dd className="text-muted-foreground">{p.title}</dd>
            </div>
          ))}
        </dl>
      </section>
    </article>
  );
}
