// Every escaper the escape pass inserts, over every ASCII character and a few high code
// points (no-break space, U+2028/2029, BOM, noncharacters, an astral symbol), after Go's
// TestEscapersOnLower7AndSelectHighCodepoints. Expected outputs are Go 1.19.8's functions
// (html/template's funcMap) run on the same input.
import { expect } from 'chai';
import { escaperFuncs } from '../../src/html/funcs.js';

const input = "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f\u00a0\u0100\u2028\u2029\ufeff\ufdd0\ufff0\ud834\udd1e";

// [escaper, Go's output]
const cases: [string, string][] = [
  ["_html_template_attrescaper", "\ufffd\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !&#34;#$%&amp;&#39;()*&#43;,-./0123456789:;&lt;=&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f\u00a0\u0100\u2028\u2029\ufeff\ufdd0\ufff0\ud834\udd1e"],
  ["_html_template_commentescaper", ""],
  ["_html_template_cssescaper", "\\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\\9 \\a\u000b\\c \\d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !\\22#$%\\26\\27\\28\\29*\\2b,-.\\2f 0123456789\\3a\\3b\\3c=\\3e?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz\\7b|\\7d~\u007f\u00a0\u0100\u2028\u2029\ufeff\ufdd0\ufff0\ud834\udd1e"],
  ["_html_template_cssvaluefilter", "ZgotmplZ"],
  ["_html_template_htmlescaper", "\ufffd\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !&#34;#$%&amp;&#39;()*&#43;,-./0123456789:;&lt;=&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f\u00a0\u0100\u2028\u2029\ufeff\ufdd0\ufff0\ud834\udd1e"],
  ["_html_template_htmlnamefilter", "ZgotmplZ"],
  ["_html_template_jsregexpescaper", "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f !\\u0022#\\$%\\u0026\\u0027\\(\\)\\*\\u002b,\\-\\.\\/0123456789:;\\u003c=\\u003e\\?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\[\\\\\\]\\^_`abcdefghijklmnopqrstuvwxyz\\{\\|\\}~\u007f\u00a0\u0100\\u2028\\u2029\ufeff\ufdd0\ufff0\ud834\udd1e"],
  ["_html_template_jsstrescaper", "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\t\\n\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f !\\u0022#$%\\u0026\\u0027()*\\u002b,-.\\/0123456789:;\\u003c=\\u003e?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_\\u0060abcdefghijklmnopqrstuvwxyz{|}~\u007f\u00a0\u0100\\u2028\\u2029\ufeff\ufdd0\ufff0\ud834\udd1e"],
  ["_html_template_jsvalescaper", "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\t\\n\\u000b\\u000c\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f !\\\"#$%\\u0026'()*+,-./0123456789:;\\u003c=\\u003e?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f\u00a0\u0100\\u2028\\u2029\ufeff\ufdd0\ufff0\ud834\udd1e\""],
  ["_html_template_nospaceescaper", "&#xfffd;\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b&#9;&#10;&#11;&#12;&#13;\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f&#32;!&#34;#$%&amp;&#39;()*&#43;,-./0123456789:;&lt;&#61;&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_&#96;abcdefghijklmnopqrstuvwxyz{|}~\u007f\u00a0\u0100\u2028\u2029\ufeff&#xfdd0;&#xfff0;\ud834\udd1e"],
  ["_html_template_rcdataescaper", "\ufffd\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !&#34;#$%&amp;&#39;()*&#43;,-./0123456789:;&lt;=&gt;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f\u00a0\u0100\u2028\u2029\ufeff\ufdd0\ufff0\ud834\udd1e"],
  ["_html_template_srcsetescaper", "#ZgotmplZ,-./0123456789:;%3c=%3e?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5c]%5e_%60abcdefghijklmnopqrstuvwxyz%7b%7c%7d~%7f%c2%a0%c4%80%e2%80%a8%e2%80%a9%ef%bb%bf%ef%b7%90%ef%bf%b0%f0%9d%84%9e"],
  ["_html_template_urlescaper", "%00%01%02%03%04%05%06%07%08%09%0a%0b%0c%0d%0e%0f%10%11%12%13%14%15%16%17%18%19%1a%1b%1c%1d%1e%1f%20%21%22%23%24%25%26%27%28%29%2a%2b%2c-.%2f0123456789%3a%3b%3c%3d%3e%3f%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5b%5c%5d%5e_%60abcdefghijklmnopqrstuvwxyz%7b%7c%7d~%7f%c2%a0%c4%80%e2%80%a8%e2%80%a9%ef%bb%bf%ef%b7%90%ef%bf%b0%f0%9d%84%9e"],
  ["_html_template_urlfilter", "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f\u00a0\u0100\u2028\u2029\ufeff\ufdd0\ufff0\ud834\udd1e"],
  ["_html_template_urlnormalizer", "%00%01%02%03%04%05%06%07%08%09%0a%0b%0c%0d%0e%0f%10%11%12%13%14%15%16%17%18%19%1a%1b%1c%1d%1e%1f%20!%22#$%25&%27%28%29*+,-./0123456789:;%3c=%3e?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5c]%5e_%60abcdefghijklmnopqrstuvwxyz%7b%7c%7d~%7f%c2%a0%c4%80%e2%80%a8%e2%80%a9%ef%bb%bf%ef%b7%90%ef%bf%b0%f0%9d%84%9e"],
];

describe('escapers over the ASCII range and select code points (Go 1.19.8)', () => {
  for (const [name, want] of cases) {
    it(name, () => {
      const fn = escaperFuncs[name];
      if (fn === undefined) throw new Error(`no escaper ${name}`);
      expect(fn(input)).to.equal(want);
    });
  }
});
