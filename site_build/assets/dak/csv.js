// The participant list's CSV as the engine reads it (encoding, separator, line numbers), to show its
// rows and write the annotated copy.

// The bytes as the engine reads them: UTF-8 (with or without BOM), else Windows-1252.
export function decodeCsv(buffer) {
  const bytes = new Uint8Array(buffer);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

// The separator as dakcore picks it: the most frequent of ; , tab in the first line.
export function csvDelimiter(text) {
  const header = text.split("\n", 1)[0];
  let best = ",";
  let count = 0;
  for (const sep of [";", ",", "\t"]) {
    const n = header.split(sep).length - 1;
    if (n > count) {
      best = sep;
      count = n;
    }
  }
  return best;
}

// Records with the physical line they end on, as Python's csv module numbers them (line_num).
export function parseCsv(text, delimiter) {
  const records = [];
  const n = text.length;
  let i = 0;
  let line = 0;
  while (i < n) {
    const cells = [];
    let field = "";
    let quoted = false;
    let atStart = true;
    line += 1;
    while (i < n) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i += 1;
          }
        } else {
          if (c === "\n" || c === "\r") {
            const crlf = c === "\r" && text[i + 1] === "\n";
            field += crlf ? "\r\n" : c;
            i += crlf ? 2 : 1;
            if (i < n) line += 1;
            continue;
          }
          field += c;
          i += 1;
        }
        continue;
      }
      if (c === '"' && atStart) {
        quoted = true;
        atStart = false;
        i += 1;
      } else if (c === delimiter) {
        cells.push(field);
        field = "";
        atStart = true;
        i += 1;
      } else if (c === "\n" || c === "\r") {
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
        break;
      } else {
        field += c;
        atStart = false;
        i += 1;
      }
    }
    cells.push(field);
    records.push({ line, cells });
  }
  return records;
}

export function csvCell(value, delimiter) {
  const text = String(value ?? "");
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
