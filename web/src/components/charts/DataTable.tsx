/** A plain table of a chart's numbers: a header row, and a row header per line. */
export type Cell = string | number;

export function DataTable({ head, rows, caption }: { head: string[]; rows: Cell[][]; caption?: string }) {
  return (
    <table class="table">
      {caption && <caption class="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={head.length}>—</td>
          </tr>
        )}
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
