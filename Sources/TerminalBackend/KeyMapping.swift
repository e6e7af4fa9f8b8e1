import CNcursesw
import TerminalUI

/// Turns what `wget_wch` returns into a `Key`. Pure, so it can be tested without a terminal.
public enum KeyMapping {
    /// `code` is the value `wget_wch` stored; `isKeyCode` is true when it returned
    /// `KEY_CODE_YES` (a function key such as an arrow or `KEY_RESIZE`), false for a character.
    /// Returns nil for codes the tutor does not use.
    public static func key(code: UInt32, isKeyCode: Bool) -> Key? {
        isKeyCode ? functionKey(Int32(bitPattern: code)) : character(code)
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 3: return .ctrlC
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }
}
