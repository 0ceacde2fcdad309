import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLUnionType,
  getNamedType,
  isIntrospectionType,
  isSpecifiedScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Descriptions are Markdown-ish: keep paragraphs and `code`, nothing else (the page runs no script). */
function renderDescription(description: string | null | undefined): string {
  if (!description) return '';
  return description
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');
}

function renderTypeRef(type: GraphQLType): string {
  const named = getNamedType(type);
  const link = `<a href="#${named.name}">${named.name}</a>`;
  return escapeHtml(type.toString()).replace(named.name, link);
}

function renderArgs(args: readonly GraphQLArgument[]): string {
  if (args.length === 0) return '';
  const items = args.map(
    (arg) =>
      `<li><code>${arg.name}: ${renderTypeRef(arg.type)}${arg.defaultValue !== undefined ? ` = ${escapeHtml(JSON.stringify(arg.defaultValue))}` : ''}</code>${renderDescription(arg.description)}</li>`,
  );
  return `<ul class="args">${items.join('')}</ul>`;
}

function renderDeprecation(reason: string | null | undefined): string {
  return reason ? `<p class="deprecated">Deprecated: ${escapeHtml(reason)}</p>` : '';
}

function renderFields(fields: (GraphQLField<unknown, unknown> | GraphQLInputField)[], owner: string): string {
  const rows = fields.map((field) => {
    const args = 'args' in field ? renderArgs(field.args) : '';
    return `<dt id="${owner}.${field.name}"><code>${field.name}: ${renderTypeRef(field.type)}</code></dt><dd>${renderDescription(field.description)}${renderDeprecation(field.deprecationReason)}${args}</dd>`;
  });
  return `<dl>${rows.join('')}</dl>`;
}

function kindOf(type: GraphQLNamedType): string {
  if (type instanceof GraphQLObjectType) return 'type';
  if (type instanceof GraphQLInterfaceType) return 'interface';
  if (type instanceof GraphQLUnionType) return 'union';
  if (type instanceof GraphQLEnumType) return 'enum';
  if (type instanceof GraphQLInputObjectType) return 'input';
  if (type instanceof GraphQLScalarType) return 'scalar';
  throw new Error(`Unknown kind of type ${(type as GraphQLNamedType).name}`);
}

function renderType(type: GraphQLNamedType): string {
  let body = '';
  if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType || type instanceof GraphQLInputObjectType) {
    body = renderFields(Object.values(type.getFields()), type.name);
  } else if (type instanceof GraphQLEnumType) {
    body = `<dl>${type
      .getValues()
      .map(
        (value) =>
          `<dt id="${type.name}.${value.name}"><code>${value.name}</code></dt><dd>${renderDescription(value.description)}${renderDeprecation(value.deprecationReason)}</dd>`,
      )
      .join('')}</dl>`;
  } else if (type instanceof GraphQLUnionType) {
    body = `<p>One of: ${type
      .getTypes()
      .map((member) => `<a href="#${member.name}">${member.name}</a>`)
      .join(', ')}</p>`;
  }
  return `<section id="${type.name}"><h2><span class="kind">${kindOf(type)}</span> ${type.name}</h2>${renderDescription(type.description)}${body}</section>`;
}

/**
 * A static, offline reference page of the API schema: every type, field, argument and enum value with its
 * description, types cross-linked, deprecations marked. One HTML file, no script, no external resource.
 */
export function renderReferencePage(schema: GraphQLSchema, title = 'Meridian GraphQL API reference'): string {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((type): type is GraphQLObjectType =>
    Boolean(type),
  );
  const others = Object.values(schema.getTypeMap())
    .filter((type) => !isIntrospectionType(type) && !roots.includes(type as GraphQLObjectType))
    .filter((type) => !(type instanceof GraphQLScalarType && isSpecifiedScalarType(type)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const types = [...roots, ...others];
  const toc = types.map((type) => `<li><a href="#${type.name}">${type.name}</a> <span class="kind">${kindOf(type)}</span></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 18rem 1fr; }
nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 1rem; background: #f6f6f8; border-right: 1px solid #ddd; }
nav ul { list-style: none; padding: 0; margin: 0; } nav li { margin: .15rem 0; }
main { padding: 1rem 2rem; max-width: 60rem; }
section { border-top: 1px solid #ddd; padding-top: .5rem; margin-top: 1.5rem; }
h2 { font-size: 1.25rem; margin: .5rem 0; } .kind { color: #777; font-weight: normal; font-size: .8em; }
dt { margin-top: .75rem; } dd { margin-left: 1.25rem; } dd p, section > p { margin: .25rem 0; }
code { font-family: ui-monospace, monospace; background: #f0f0f4; padding: 0 .2rem; border-radius: 3px; }
.args { margin: .25rem 0; padding-left: 1.25rem; } .deprecated { color: #a40; }
a { color: #0550ae; text-decoration: none; } a:hover { text-decoration: underline; }
</style>
</head>
<body>
<nav><strong>${escapeHtml(title)}</strong><ul>${toc}</ul></nav>
<main>
<h1>${escapeHtml(title)}</h1>
<p>Generated by <code>npm run compose</code> from <code>schema/api.graphql</code>. Endpoint: <code>POST /graphql</code>; market headers <code>accept-language</code> and <code>x-ship-to-country</code>.</p>
${types.map(renderType).join('\n')}
</main>
</body>
</html>
`;
}
