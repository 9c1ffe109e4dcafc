import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clip,
  codeBlock,
  escapeMarkdown,
  incidentMarker,
  inlineCode,
  markdownLink,
  mermaidLabel,
  plainText,
} from "../../sdk/postmortem/escape.ts";

const ZWJ = "\u200D";

describe("escapeMarkdown", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
    ["a | b | c", "a \\| b \\| c"],
    ["run `rm -rf /`", "run \\`rm -rf /\\`"],
    ["[click me](https://evil.example)", `\\[click me\\](https://${ZWJ}evil.example)`],
    ["![pixel](https://evil.example/p.png)", `!\\[pixel\\](https://${ZWJ}evil.example/p.png)`],
    ["# Heading", "\\# Heading"],
    ["## Injected section", "\\## Injected section"],
    ["- item", "\\- item"],
    ["---", "\\---"],
    ["> quoted", "&gt; quoted"],
    ["1. ordered", "1\\. ordered"],
    ["0.58 < 0.99", "0.58 &lt; 0.99"],
    ["+ plus", "\\+ plus"],
    ["**bold** _it_ ~~gone~~", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~"],
    ["&lt; is an entity", "&amp;lt; is an entity"],
    ["a\\|b", "a\\\\\\|b"],
    ["line one\n## Injected", "line one ## Injected"],
  ])("escapes %j", (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it("breaks @mentions, team mentions and issue references", () => {
    expect(escapeMarkdown("cc @octocat and @acme/sre")).toBe(`cc @${ZWJ}octocat and @${ZWJ}acme/sre`);
    expect(escapeMarkdown("see #123, acme/shop#7 and GH-12")).toBe(`see #${ZWJ}123, acme/shop#${ZWJ}7 and GH-${ZWJ}12`);
    expect(escapeMarkdown("#42 at the start")).toBe(`\\#${ZWJ}42 at the start`);
  });

  it("breaks bare URLs, which GitHub would link", () => {
    expect(escapeMarkdown("see https://evil.example/login, http://x.example and www.evil.example")).toBe(
      `see https://${ZWJ}evil.example/login, http://${ZWJ}x.example and www.${ZWJ}evil.example`,
    );
  });

  it("drops control characters, ANSI escapes included", () => {
    expect(escapeMarkdown("ok\u001b[31mred\u0007")).toBe("ok\\[31mred");
  });

  it("never lets hostile text out of one inline run (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (input) => {
        const out = escapeMarkdown(input);
        expect(out).not.toMatch(/[<>\n\r]/);
        expect(out).not.toMatch(/@[A-Za-z0-9]/);
        expect(out).not.toMatch(/#\d/);
        expect(out).not.toMatch(/(https?:\/\/|www\.)[A-Za-z0-9]/i);
        // every |, `, [ and ] is preceded by an odd number of backslashes
        for (const m of out.matchAll(/(\\*)[|`[\]]/g)) expect(m[1]!.length % 2).toBe(1);
        expect(out).not.toMatch(/^\s*([#+=-]|\d+[.)](\s|$))/);
      }),
    );
  });
});

describe("inlineCode", () => {
  it("fences around backticks and escapes pipes in tables", () => {
    expect(inlineCode("plain")).toBe("`plain`");
    expect(inlineCode("a`b")).toBe("`` a`b ``");
    expect(inlineCode("``x")).toBe("``` ``x ```");
    expect(inlineCode("x|y", { inTable: true })).toBe("`x\\|y`");
    expect(inlineCode("two\nlines")).toBe("`two lines`");
    expect(inlineCode("")).toBe("` `");
  });
});

describe("codeBlock", () => {
  it("uses a fence longer than any backtick run inside", () => {
    expect(codeBlock("up{job='x'}", "promql")).toBe("```promql\nup{job='x'}\n```");
    expect(codeBlock("```\n# not a heading\n```")).toBe("````\n```\n# not a heading\n```\n````");
  });
});

describe("mermaidLabel", () => {
  it("keeps only characters Mermaid reads as text", () => {
    expect(mermaidLabel('canary: 1% "fast" <b>x</b>; #1')).toBe("canary 1% fast b x /b 1");
    expect(mermaidLabel("x```\n## evil\n```")).toBe("x evil");
    expect(mermaidLabel(":::")).toBe("unnamed");
    expect(mermaidLabel("%%{init: {'theme':'dark'}}%%")).toBe("% init 'theme' 'dark' %");
    expect(mermaidLabel("a".repeat(100), 10)).toBe(`${"a".repeat(9)}…`);
  });
});

describe("plainText, clip, markdownLink, incidentMarker", () => {
  it("strips terminal control sequences", () => {
    expect(plainText("ok\u001b[2Jgone\r\nnext")).toBe("ok[2Jgone next");
  });

  it("clips with an ellipsis", () => {
    expect(clip("abcdef", 4)).toBe("abc…");
    expect(clip("abc", 4)).toBe("abc");
  });

  it("drops leading spaces, which would turn a list item's text into a code block", () => {
    expect(`- ${escapeMarkdown("\n    Roll forward to 2.0.1")}`).toBe("- Roll forward to 2.0.1");
  });

  it("never clips an emoji in half (GitHub would show the half as �)", () => {
    expect(clip("ab🚨cdef", 4)).toBe("ab…");
    expect(clip("ab🚨cdef", 5)).toBe("ab🚨…");
  });

  it("links only http(s) and encodes what could end the link", () => {
    expect(markdownLink("run", "https://ci.example/runs/1")).toBe("[run](https://ci.example/runs/1)");
    expect(markdownLink("run", "https://ci.example/a)(b|c")).toBe("[run](https://ci.example/a%29%28b%7Cc)");
    expect(markdownLink("run", "javascript:alert(1)")).toBe("run (`javascript:alert(1)`)");
  });

  it("keeps the marker a single closed HTML comment", () => {
    expect(incidentMarker("run-1")).toBe("<!-- firebreak:incident=run-1 -->");
    expect(incidentMarker("x --> <script>")).toBe("<!-- firebreak:incident=x_-___script_ -->");
    expect(incidentMarker("")).toBe("<!-- firebreak:incident=unknown -->");
  });
});
