package raftlab.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A module's API as text, from the compiler's model of it: every non-private type and member with its modifiers,
 * type, supertypes and constant value. Two compilations with the same text are interchangeable to the modules that
 * use this one (their classes link, and any constant they inlined is the same).
 */
final class Api {

    private Api() {}

    /** {@return the API of the top-level types {@code types}, one line per type or member, in a stable order} */
    static String of(Iterable<? extends Element> types) {
        List<String> lines = new ArrayList<>();
        for (Element e : types) {
            if (e instanceof TypeElement t) {
                type(t, lines);
            }
        }
        lines.sort(Comparator.naturalOrder());
        return String.join("\n", lines) + "\n";
    }

    private static void type(TypeElement t, List<String> lines) {
        if (t.getModifiers().contains(Modifier.PRIVATE)) {
            return;
        }
        String name = t.getQualifiedName().toString();
        lines.add(name + " " + t.getKind() + " " + modifiers(t.getModifiers()) + " " + t.getTypeParameters()
                + " extends " + t.getSuperclass() + " implements " + t.getInterfaces() + " permits "
                + t.getPermittedSubclasses());
        for (Element member : t.getEnclosedElements()) {
            if (member instanceof TypeElement nested) {
                type(nested, lines);
            } else if (!member.getModifiers().contains(Modifier.PRIVATE)) {
                String constant = member instanceof VariableElement v && v.getConstantValue() != null
                        ? " = " + v.getConstantValue() : "";
                lines.add(name + "#" + member.getKind() + " " + modifiers(member.getModifiers()) + " "
                        + member.getSimpleName() + " " + member.asType() + constant);
            }
        }
    }

    private static String modifiers(Set<Modifier> modifiers) {
        return modifiers.stream().map(Modifier::toString).sorted().toList().toString();
    }
}
