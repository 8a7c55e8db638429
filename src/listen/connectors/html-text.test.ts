import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text.ts';

describe('htmlToText', () => {
  it('separates the words on either side of a block element, closing or opening', () => {
    // A WordPress gallery: the caption and the next heading are two sentences, not one token.
    expect(htmlToText('<figure><img src="k.jpg"><figcaption>Brewly Kitchen</figcaption></figure><h4>How to brew</h4>')).toBe('Brewly Kitchen\n\nHow to brew');
    expect(htmlToText('Menu:<ul><li>Flat white</li><li>Cortado</li></ul>Open daily')).toBe('Menu:\n\nFlat white\nCortado\n\nOpen daily');
    expect(htmlToText('<table><tr><td>Sofia</td><td>3.50</td></tr><tr><th>Plovdiv</th><td>3.20</td></tr></table>')).toBe('Sofia 3.50\nPlovdiv 3.20');
    expect(htmlToText('<section class="intro">Lead</section><div id="x">Body</div><pre>npm i</pre>after<hr/>end')).toBe('Lead\n\nBody\n\nnpm i\n\nafter\n\nend');
    expect(htmlToText('one<br class="x">two<dl><dt>term</dt><dd>meaning</dd></dl>')).toBe('one\ntwo\n\nterm\nmeaning');
  });

  it('keeps inline elements inside words and sentences as they are', () => {
    expect(htmlToText('<p><b>Brew</b>ly is <a href="https://x.example">great</a>&nbsp;&amp; <em>cheap</em></p>')).toBe('Brewly is great\u00a0& cheap');
    // <param> and <pre> start with "p" but are not <p>; <header> is not <h…>.
    expect(htmlToText('a<param name="x">b')).toBe('ab');
  });

  it('drops the blank lines that indentation between blocks leaves', () => {
    expect(htmlToText('<div>\n  <p>First</p>\n  <p>Second</p>\n</div>')).toBe('First\n\nSecond');
  });
});
