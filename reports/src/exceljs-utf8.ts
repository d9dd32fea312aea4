/**
 * exceljs 4.4.0's streaming reader decodes each chunk of a zipped XML part to a string on its own,
 * so a Chinese character whose UTF-8 bytes straddle two chunks comes out as U+FFFD
 * (exceljs/exceljs#2084, #2063; fixes proposed in #1665 and #2894, not released). Its parser
 * passes strings through untouched, so we hand it strings decoded with a StringDecoder, which
 * carries a character's partial bytes over to the next chunk: the worksheet and shared-string
 * streams of every WorkbookReader are wrapped here. Patching the prototype works whenever
 * exceljs was loaded; test/unit/import-file.test.ts fails without it.
 */
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

async function* decoded(iterable: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of iterable) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

interface ReaderInternals {
  __utf8?: boolean;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): unknown;
  _parseSharedStrings(entry: { setEncoding?: (e: string) => void }): unknown;
}

const proto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
if (!proto.__utf8) {
  const parseWorksheet = proto._parseWorksheet;
  const parseSharedStrings = proto._parseSharedStrings;
  proto._parseWorksheet = function (this: unknown, iterator, sheetNo) {
    return parseWorksheet.call(this, decoded(iterator), sheetNo);
  };
  proto._parseSharedStrings = function (this: unknown, entry) {
    entry.setEncoding?.('utf8');
    return parseSharedStrings.call(this, entry);
  };
  proto.__utf8 = true;
}
