package io.livelink.events;

import java.util.SplittableRandom;

/** Small random edits of a text, to explore the edges of what a reader accepts. */
final class TextEdits {

    private TextEdits() {}

    /** The text with one to three characters replaced, inserted (from the alphabet) or deleted. */
    static String edited(String text, String alphabet, SplittableRandom random) {
        StringBuilder edited = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(3); edits > 0 && !edited.isEmpty(); edits--) {
            int at = random.nextInt(edited.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> edited.setCharAt(at, c);
                case 1 -> edited.insert(at, c);
                default -> edited.deleteCharAt(at);
            }
        }
        return edited.toString();
    }
}
