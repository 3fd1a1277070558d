package raftlab.labrpc.codec;

/** An enum travels as its ordinal and decodes to the same constant (enum constants are singletons per JVM). */
record EnumPlan(int id, Class<?> decodedType, Object[] constants) implements Plan {

    static EnumPlan of(int id, Class<?> enumType) {
        return new EnumPlan(id, enumType, enumType.getEnumConstants());
    }

    @Override
    public void write(Writer w, Object value) {
        w.out.writeVarint(((Enum<?>) value).ordinal());
    }

    @Override
    public Object read(Reader r) {
        int ordinal = r.in.readVarint();
        if (ordinal < 0 || ordinal >= constants.length) {
            throw WireIn.corrupt("ordinal " + ordinal + " of " + decodedType.getName() + ", which has "
                    + constants.length + " constants");
        }
        return constants[ordinal];
    }
}
