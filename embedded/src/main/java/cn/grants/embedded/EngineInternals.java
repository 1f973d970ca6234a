package cn.grants.embedded;

import java.lang.reflect.Field;

/** A field of zeebe-process-test's engine internals, made accessible (the development runtime's guards use them). */
final class EngineInternals {

    private EngineInternals() {
    }

    /** The field {@code name} declared by {@code type} or one of its superclasses. */
    static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // try the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
